import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useClient } from "urql";
import { graphql } from "../graphql/generated";
import { ErrorMessage } from "./fields";
import type { AddressSearchQuery } from "../graphql/generated/graphql";

export const AddressSearch = graphql(`
  query AddressSearch($query: String!, $first: Int) {
    addressSearch(query: $query, first: $first) {
      udprn
      summary
      postcode
    }
  }
`);

export type AddressOption = AddressSearchQuery["addressSearch"][number];

/** Wait this long after the last keystroke before asking: short, so suggestions feel instant. */
export const DEBOUNCE_MS = 80;
/** Wait this long before telling a screen reader how many were found, so typing is not drowned. */
const ANNOUNCE_MS = 700;
const MIN_CHARACTERS = 2;
const SHOWN = 10;

interface Props {
  id: string;
  label: string;
  hint: string;
  error?: string;
  initialText?: string;
  onChoose: (option: AddressOption) => void;
  /** The text changed after a choice: that choice no longer stands. */
  onTextChange?: (text: string) => void;
}

/**
 * An editable combobox with a listbox popup, built to the WAI-ARIA Authoring Practices: the
 * focus stays in the input, arrow keys move the highlighted option (aria-activedescendant),
 * Enter chooses it, Escape closes the list and then clears the text. Suggestions come from the
 * whole PAF as the user types; an answer to an older query than the latest is dropped.
 */
export function AddressCombobox({ id, label, hint, error, initialText = "", onChoose, onTextChange }: Props) {
  const client = useClient();
  const listboxId = useId();
  const [text, setText] = useState(initialText);
  const [options, setOptions] = useState<AddressOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [failed, setFailed] = useState(false);
  const latestQuery = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const search = useCallback(
    async (query: string) => {
      const ticket = ++latestQuery.current;
      // One more than is shown, to tell people when typing more would narrow the list.
      const result = await client.query(AddressSearch, { query, first: SHOWN + 1 }, { requestPolicy: "cache-first" }).toPromise();
      if (ticket !== latestQuery.current) return; // a newer query has been asked since
      if (result.error) {
        setFailed(true);
        setOptions([]);
        setOpen(false);
        setAnnouncement("Addresses could not be searched just now. Try again, or enter the address yourself.");
        return;
      }
      const all = result.data?.addressSearch ?? [];
      const more = all.length > SHOWN;
      const found = all.slice(0, SHOWN);
      setFailed(false);
      setOptions(found);
      setSearched(query);
      setActive(-1);
      setOpen(true);
      clearTimeout(announceTimer.current);
      announceTimer.current = setTimeout(() => {
        setAnnouncement(
          found.length === 0
            ? "No addresses found."
            : `${more ? `More than ${SHOWN} addresses found; the first ${SHOWN} are listed, type more to narrow them` : found.length === 1 ? "1 address found" : `${found.length} addresses found`}. Use the up and down arrow keys to hear them, and Enter to choose one.`,
        );
      }, ANNOUNCE_MS);
    },
    [client],
  );

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearTimeout(announceTimer.current);
    },
    [],
  );

  const typed = (value: string) => {
    setText(value);
    onTextChange?.(value);
    clearTimeout(timer.current);
    const letters = value.replace(/[^0-9a-z]/gi, "");
    if (letters.length < MIN_CHARACTERS) {
      latestQuery.current++;
      setOptions([]);
      setOpen(false);
      setSearched(null);
      setAnnouncement("");
      return;
    }
    timer.current = setTimeout(() => void search(value.trim()), DEBOUNCE_MS);
  };

  const choose = (option: AddressOption) => {
    setText(option.summary);
    setOpen(false);
    setActive(-1);
    setAnnouncement(`${option.summary} chosen.`);
    onChoose(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open && count) setOpen(true);
        if (count) setActive((current) => (current + 1) % count);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open && count) setOpen(true);
        if (count) setActive((current) => (current <= 0 ? count - 1 : current - 1));
        break;
      case "Enter": {
        const option = open ? options[active] : undefined;
        if (option) {
          event.preventDefault();
          choose(option);
        }
        break;
      }
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          event.preventDefault();
          typed("");
        }
        break;
      case "Home":
      case "End":
        setActive(-1);
        break;
    }
  };

  const expanded = open && options.length > 0;
  const activeId = expanded && active >= 0 ? `${listboxId}-option-${active}` : undefined;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: "nearest" });
  }, [activeId]);
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        {hint}
      </div>
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <div className="cms-combobox">
        <input
          id={id}
          name={id}
          type="text"
          className={`govuk-input${error ? " govuk-input--error" : ""}`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeId}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={text}
          onChange={(event) => typed(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => options.length && searched !== null && setOpen(true)}
        />
        <ul id={listboxId} role="listbox" aria-label="Addresses found" className="cms-combobox__listbox" hidden={!expanded} data-query={searched ?? undefined}>
          {options.map((option, index) => (
            <li
              key={option.udprn}
              id={`${listboxId}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className={`cms-combobox__option${index === active ? " cms-combobox__option--active" : ""}`}
              // Keep focus in the input on press; choose on release, so a press can be abandoned.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
              onMouseMove={() => setActive(index)}
            >
              {option.summary}
            </li>
          ))}
        </ul>
        {open && searched !== null && options.length === 0 && (
          <p className="govuk-body cms-combobox__none">No addresses found for “{searched}”. Check the postcode, or try fewer words.</p>
        )}
        {failed && <p className="govuk-body cms-combobox__none">Addresses could not be searched just now. Try again, or enter the address yourself.</p>}
      </div>
      <div className="govuk-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}
