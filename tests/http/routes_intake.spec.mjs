// routes_intake.spec.mjs — the intake routes' entries for routes.test.mjs (see
// its SPEC): per route name, fields, valid, good, path and happy. ctx holds
// the field constructors (line, pw, int, id, oneOf, bool, date), http,
// Session, Api, the fixture fx and the test library L.
export function specs(ctx) {
	return {};
}
