// How dates and statuses are written for people: UK time, words not codes.

const UK = "Europe/London";

export function ukDateTime(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: UK, day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: true,
  }).format(new Date(iso)).replace(" am", "am").replace(" pm", "pm");
}

export function ukDate(isoDate: string): string {
  // A Date is a calendar day: format it at noon UTC so no time zone moves it to another day.
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" })
    .format(new Date(`${isoDate}T12:00:00Z`));
}

const STATUS_WORDS: Record<string, string> = {
  LOGGED: "Logged",
  WITH_CDSP: "With the CDSP",
  AWAITING_SHIPPER: "Awaiting the Shipper",
  WITH_NETWORK: "With the network",
  SITE_VISIT_BOOKED: "Site visit booked",
  NETWORK_ACCEPTED: "Accepted by the network",
  MPRN_CREATED: "MPRN created",
  REJECTED: "Rejected",
  WITHDRAWN: "Withdrawn",
  LAPSED: "Lapsed",
};

export function statusWords(status: string): string {
  return STATUS_WORDS[status] ?? status;
}

const STATUS_COLOURS: Record<string, string> = {
  LOGGED: "govuk-tag--grey",
  WITH_CDSP: "govuk-tag--blue",
  AWAITING_SHIPPER: "govuk-tag--yellow",
  WITH_NETWORK: "govuk-tag--purple",
  SITE_VISIT_BOOKED: "govuk-tag--turquoise",
  NETWORK_ACCEPTED: "govuk-tag--green",
  MPRN_CREATED: "govuk-tag--green",
  REJECTED: "govuk-tag--red",
  WITHDRAWN: "govuk-tag--grey",
  LAPSED: "govuk-tag--orange",
};

/** The colour only repeats the words: the tag always says the status. */
export function statusTagClass(status: string): string {
  return `govuk-tag ${STATUS_COLOURS[status] ?? ""}`.trim();
}

export function eventWords(kind: string): string {
  const words = kind.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The UK calendar day of an instant, like "Monday 7 December 2026". */
export function ukDayOf(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: UK, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(iso));
}
