// The TypeScript client's reads against a running API, type-checked against the schema.
//   npm run generate:ts   (writes schema.d.ts from api/openapi.yaml)
//   npx tsc -p clients/typescript && node clients/typescript/out/reads.js http://127.0.0.1:8000
// Prints what it read as one JSON object; exits non-zero when an answer is not as expected.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

declare const process: { argv: string[]; exitCode?: number };

type Claim = components["schemas"]["Claim"];
type ErrorResponse = components["schemas"]["ErrorResponse"];

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const baseUrl = process.argv[2] ?? "http://127.0.0.1:8000";
// JSON answers only (lists also offer CSV, NDJSON…); comma lists as `explode: false` says.
const api = createClient<paths, "application/json">({
  baseUrl,
  querySerializer: { array: { style: "form", explode: false } },
});

async function main(): Promise<void> {
  // Claims by claimant and stance.
  const denials = await api.GET("/api/v1/claims/", {
    params: { query: { claimant: ["azerbaijan"], stance: ["denies"] } },
  });
  check(denials.data !== undefined, `claims_list: ${denials.response.status}`);
  const denialResults: Claim[] = denials.data.results;
  for (const claim of denialResults) {
    check(claim.claimant?.slug === "azerbaijan" && claim.stance === "denies", `claim ${claim.id}`);
  }

  // Every claim, page by page.
  const all: number[] = [];
  let total: number | undefined;
  for (let page = 1; ; page++) {
    const { data, error } = await api.GET("/api/v1/claims/", {
      params: { query: { page, page_size: 7 } },
    });
    check(data !== undefined, `page ${page}: ${JSON.stringify(error)}`);
    all.push(...data.results.map((claim) => claim.id));
    total = data.count;
    if (data.next === null) break;
  }
  check(total === all.length, `count ${total} but ${all.length} claims read`);

  // An incident, by slug, with its places.
  const incident = await api.GET("/api/v1/incidents/{id_or_slug}/", {
    params: { path: { id_or_slug: "shusha-cathedral-shelling" } },
  });
  check(incident.data !== undefined, `incidents_retrieve: ${incident.response.status}`);
  const places: string[] = incident.data.places.map((place) => place.slug);

  // A bad filter: a typed error naming the parameter.
  const bad = await api.GET("/api/v1/claims/", { params: { query: { page_size: 1000 } } });
  check(bad.response.status === 400 && bad.error !== undefined, "page_size=1000 is not a 400");
  const error: ErrorResponse = bad.error;
  const first = error.errors[0];
  check(first !== undefined, "a 400 without errors");

  console.log(
    JSON.stringify({
      denials: denialResults.map((claim) => claim.id),
      denials_count: denials.data.count,
      claims: all,
      incident: { id: incident.data.id, contested: incident.data.contested, places },
      error: { type: error.type, attr: first.attr, code: first.code },
    }),
  );
}

main().catch((reason: unknown) => {
  console.error(reason);
  process.exitCode = 1;
});
