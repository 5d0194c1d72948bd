// What the driver's app relies on, typed from the OpenAPI document (openapi-typescript): if a name or a
// shape it uses drifts in the contract, `tsc` fails the lint. Compiled by deploy/lint/openapi.sh, not shipped.
import type { components, operations } from "./bordergate-api";

type Declaration = components["schemas"]["DeclarationView"];
type Problem = components["schemas"]["Problem"];
type Booked = operations["declareTruck"]["responses"][201]["content"]["application/json"];
type Slots = operations["listSlots"]["responses"][200]["content"]["application/json"];

export const statusLine = (d: Declaration): string =>
    `${d.reference ?? ""} ${d.status ?? ""} ${d.slot?.start ?? ""} #${d.queueNumber ?? 0}`;
export const firstFieldError = (p: Problem): string | undefined => p.errors?.[0]?.field;
export const bookedId = (b: Booked): string | undefined => b.id;
export const freePlaces = (s: Slots): number => s.reduce((sum, slot) => sum + (slot.available ?? 0), 0);
