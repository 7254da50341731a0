// @vitest-environment node
import { generate } from "@graphql-codegen/cli";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import config from "../../codegen";

describe("the generated GraphQL types", () => {
  it("are what the schema snapshot and the operations generate now (run `npm run codegen` if not)", async () => {
    const outputs = (await generate({ ...config, cwd: resolve(__dirname, "../..") }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(resolve(__dirname, "../..", output.filename), "utf8");
      expect(committed, `${output.filename} is stale: run npm run codegen`).toBe(output.content);
    }
  }, 60_000);
});
