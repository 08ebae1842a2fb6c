// routes_deadlines.spec.mjs — the deadlines routes' entries for routes.test.mjs (see
// its SPEC and routes_cases.spec.mjs for the shape).
export function specs(ctx) {
	return {};
}
