import type { CodegenConfig } from "@graphql-codegen/cli";

// Types come from the committed schema snapshot, which `cms schema > src/cms/graphql/schema.graphql`
// keeps equal to what the server serves; a test fails when these generated files are stale.
const config: CodegenConfig = {
  schema: "../src/cms/graphql/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/graphql/generated/**"],
  generates: {
    "src/graphql/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", Date: "string" },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
  ignoreNoDocuments: true,
};
export default config;
