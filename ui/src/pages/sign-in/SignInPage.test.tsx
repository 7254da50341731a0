import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { Provider, type Client } from "urql";
import { fromValue } from "wonka";
import { describe, expect, it, vi } from "vitest";
import { SignInPage } from "./SignInPage";

/** An API whose signIn answers a refusal, disabled or not, as the server would. */
function refusing(message: string, accountDisabled: boolean): Client {
  return {
    executeMutation: (operation: unknown) =>
      fromValue({ operation, data: { signIn: { __typename: "SignInFailed", message, accountDisabled } }, stale: false, hasNext: false }),
  } as unknown as Client;
}

async function signInWith(client: Client) {
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={["/sign-in"]}>
        <SignInPage onSignedIn={vi.fn()} />
      </MemoryRouter>
    </Provider>,
  );
  await userEvent.type(screen.getByLabelText("Email address"), "dora@alpha.example");
  await userEvent.type(screen.getByLabelText("Password"), "demo-Meter-Point-2026");
  await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("signing in to a disabled account", () => {
  it("says plainly, once the password was right, that the account is disabled and whom to ask", async () => {
    const words = "Your password is right, but your account is disabled: no sign-in for more than 90 days. To use CMS again, ask Lena Okafor (your organisation's Local Security Officer) to enable it.";
    await signInWith(refusing(words, true));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Your account is disabled");
    expect(summary).toHaveTextContent(words);
    expect(summary).toHaveFocus();
    expect(screen.queryByText("There is a problem")).toBeNull();
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(document.title).toMatch(/^Error: Sign in/);
  });

  it("keeps the one uniform refusal, linked to the email field, when the password was not proved", async () => {
    const words = "The email address or password is not right, or the account cannot sign in.";
    await signInWith(refusing(words, false));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("There is a problem");
    expect(screen.getByRole("link", { name: words })).toHaveAttribute("href", "#email");
    expect(screen.queryByText("Your account is disabled")).toBeNull();
  });
});
