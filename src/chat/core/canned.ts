/**
 * Canned responses: a reply an agent inserts by shortcut, with variables filled in for the
 * conversation at hand. Unknown variables are left as written so an agent sees the mistake.
 */
export const CANNED_VARIABLES = ['customer.name', 'agent.name', 'contact.id'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Readonly<Partial<Record<CannedVariable, string | null>>>;

const VARIABLE = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

const isVariable = (s: string): s is CannedVariable => (CANNED_VARIABLES as readonly string[]).includes(s);

/** Fills `{{customer.name}}`, `{{agent.name}}`, `{{contact.id}}`; a known variable without a value becomes empty. */
export const renderCanned = (body: string, values: CannedValues): string =>
  body.replace(VARIABLE, (whole, name: string) => (isVariable(name) ? (values[name] ?? '') : whole));

/** Variables a body uses that are not known, for a helpful refusal when it is saved. */
export const unknownVariables = (body: string): string[] => {
  const out = new Set<string>();
  for (const m of body.matchAll(VARIABLE)) if (m[1] && !isVariable(m[1])) out.add(m[1]);
  return [...out];
};
