/**
 * Lists every catalogue question with its self-check coverage: covered (and on which page), not
 * checkable (and why), or missing. Exits with status 1 when any is missing.
 *
 *   node scripts/selfcheck-audit.ts
 */
import { auditSite } from './lib/selfcheck-audit-site.ts';

const rows = auditSite();
for (const r of rows) {
  const detail = r.status === 'covered' ? r.page : r.status === 'missing' ? r.problem : r.reason;
  console.log(`${r.id.padEnd(18)}${r.status.padEnd(15)}${detail}`);
}
const count = (s: string) => rows.filter((r) => r.status === s).length;
console.log(
  `\n${count('covered')} covered, ${count('not checkable')} not checkable, ${count('missing')} missing (of ${rows.length}).`,
);
if (count('missing')) process.exitCode = 1;
