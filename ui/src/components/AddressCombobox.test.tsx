import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Provider, type Client } from "urql";
import { describe, expect, it, vi } from "vitest";
import { AddressCombobox, type AddressOption } from "./AddressCombobox";

type Answer = { data: { addressSearch: AddressOption[] } };

/** A stand-in API whose answers the test releases in any order, as a slow network might. */
function fakeApi() {
  const pending: { query: string; resolve: (answer: Answer) => void }[] = [];
  const client = {
    query: (_document: unknown, variables: { query: string }) => ({
      toPromise: () => new Promise<Answer>((resolve) => pending.push({ query: variables.query, resolve })),
    }),
  } as unknown as Client;
  const answer = async (query: string, summaries: string[]) => {
    const request = pending.find((p) => p.query === query);
    if (!request) throw new Error(`nobody asked for ${query}; asked: ${pending.map((p) => p.query).join(", ")}`);
    await act(async () => request.resolve({ data: { addressSearch: summaries.map((summary, i) => ({ udprn: `${query}-${i}`, summary, postcode: "AL3 6GN" })) } }));
  };
  return { client, answer, pending };
}

function renderCombobox(client: Client, onChoose = vi.fn(), onTextChange = vi.fn()) {
  render(
    <Provider value={client}>
      <AddressCombobox id="address" label="Address or postcode" hint="Type a postcode" onChoose={onChoose} onTextChange={onTextChange} />
    </Provider>,
  );
  return { onChoose, onTextChange, input: screen.getByRole("combobox", { name: "Address or postcode" }) };
}

describe("the address type-ahead", () => {
  it("drops an answer to an older query that arrives after the newer one", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeApi();
    const { input } = renderCombobox(api.client);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(input, "mi");
    await act(async () => vi.advanceTimersByTime(100));
    await user.type(input, "ll farm");
    await act(async () => vi.advanceTimersByTime(100));
    await api.answer("mill farm", ["Mill Farm, Bishopston, ST. ALBANS, AL3 6GN"]);
    await api.answer("mi", ["Mint Cottage, ST. ALBANS, AL3 6GN", "Mill Farm, Bishopston, ST. ALBANS, AL3 6GN"]);
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Mill Farm, Bishopston, ST. ALBANS, AL3 6GN"]);
    vi.useRealTimers();
  });

  it("is driven by the keyboard: arrows highlight, Enter chooses, and focus stays in the field", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeApi();
    const { input, onChoose } = renderCombobox(api.client);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(input, "al3");
    await act(async () => vi.advanceTimersByTime(100));
    await api.answer("al3", ["1 York Street", "2 York Street", "3 York Street"]);
    expect(input).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    const active = input.getAttribute("aria-activedescendant");
    expect(active && document.getElementById(active)?.textContent).toBe("2 York Street");
    expect(screen.getByRole("option", { name: "2 York Street" })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(onChoose).toHaveBeenCalledWith(expect.objectContaining({ summary: "2 York Street" }));
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute("aria-expanded", "false");
    vi.useRealTimers();
  });

  it("tells screen readers the count once typing pauses, and when there are more than it lists", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeApi();
    const { input } = renderCombobox(api.client);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(input, "york");
    await act(async () => vi.advanceTimersByTime(100));
    await api.answer("york", Array.from({ length: 11 }, (_, i) => `${i + 1} York Street`));
    expect(screen.getAllByRole("option")).toHaveLength(10);
    expect(screen.getByRole("status")).toHaveTextContent("");
    await act(async () => vi.advanceTimersByTime(800));
    expect(screen.getByRole("status")).toHaveTextContent("More than 10 addresses found");
    vi.useRealTimers();
  });

  it("asks nothing for fewer than two letters or digits", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeApi();
    const { input } = renderCombobox(api.client);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(input, "a ");
    await act(async () => vi.advanceTimersByTime(200));
    expect(api.pending).toHaveLength(0);
    vi.useRealTimers();
  });
});
