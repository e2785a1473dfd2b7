// Every audit action and entity the code can write, and every ledger account, has a readable name. The audit writer's
// types take only named codes; this also reads the sources for codes written some other way (a literal cast past the
// type, an account built from text) so none reaches a screen as raw snake_case.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as accounts from '../../src/main/ledger/accounts';
import {
  accountName,
  actionName,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  entityName,
  LEDGER_ACCOUNTS,
} from '../../src/shared/names';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Text of every core module that writes audit rows (the simulator and Electron's window code never do). */
const auditWriters = sources('src/main')
  .filter((f) => !f.includes('/simulator/') && !f.includes('/electron/'))
  // Comparisons in a ternary (`method === 'cancelled' ? … : …`) choose between codes: they are not codes themselves.
  .map((f) => readFileSync(f, 'utf8').replace(/[!=]==? '[a-z_]+'/g, ''))
  .filter((text) => /appendAudit\(|auditChange\(|auditCode\(|writeRow\(|audit\(/.test(text));

describe('readable names', () => {
  it('names every action and entity that the audit writers put in a literal', () => {
    const actions = new Set<string>();
    const entities = new Set<string>();
    for (const text of auditWriters) {
      for (const m of text.matchAll(/\baction: ([^,\n]+)/g))
        for (const lit of m[1]!.matchAll(/'([a-z_]+)'/g)) actions.add(lit[1]!);
      for (const m of text.matchAll(/\bentityType: ([^,\n]+)/g))
        for (const lit of m[1]!.matchAll(/'([a-z_]+)'/g)) entities.add(lit[1]!);
      // auditChange(entity, id, action…), writeRow(ctx, table, entity…), auditCode(sqlite, d, action…), audit(action…)
      for (const m of text.matchAll(/auditChange\('([a-z_]+)', [^,]+, '([a-z_]+)'/g)) {
        entities.add(m[1]!);
        actions.add(m[2]!);
      }
      for (const m of text.matchAll(/writeRow\(\s*ctx,\s*'[a-z_]+',\s*'([a-z_]+)'/g)) entities.add(m[1]!);
      for (const m of text.matchAll(/auditCode\(\s*[^,:]+,\s*[^,:]+,\s*'([a-z_]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/\baudit\('([a-z_]+)'/g)) actions.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(40);
    expect(entities.size).toBeGreaterThan(15);
    expect([...actions].filter((a) => !(a in AUDIT_ACTIONS))).toEqual([]);
    expect([...entities].filter((e) => !(e in AUDIT_ENTITIES))).toEqual([]);
  });

  it('names every ledger account the journal posts to', () => {
    const posted = [
      ...Object.values(accounts as Record<string, unknown>).filter((v): v is string => typeof v === 'string'),
      accounts.learnerPrepaid('learner-1', 'instructor-1'),
      accounts.instructorPayable('instructor-1'),
    ];
    expect(posted.length).toBe(Object.keys(LEDGER_ACCOUNTS).length);
    for (const account of posted) {
      const kind = account.split(':')[0]!;
      expect(LEDGER_ACCOUNTS, account).toHaveProperty(kind);
      expect(accountName(account)).not.toMatch(/_/);
    }
    expect(accountName('learner_prepaid:a:b')).toBe('Learner prepaid');
  });

  it('gives each name in words: capitalised, no underscores, and distinct where the codes differ in meaning', () => {
    for (const table of [AUDIT_ACTIONS, AUDIT_ENTITIES, LEDGER_ACCOUNTS])
      for (const [code, name] of Object.entries(table)) {
        expect(name, code).toMatch(/^[A-Z]/);
        expect(name, code).not.toMatch(/_|undefined/);
      }
    expect(new Set(Object.values(LEDGER_ACCOUNTS)).size).toBe(Object.keys(LEDGER_ACCOUNTS).length);
    expect(new Set(Object.values(AUDIT_ENTITIES)).size).toBe(Object.keys(AUDIT_ENTITIES).length);
  });

  it('still reads a code written by an older version, in words', () => {
    expect(actionName('set_role')).toBe('Set role');
    expect(entityName('lesson_completions')).toBe('Lesson completions');
    expect(actionName('sign_in')).toBe('Signed in');
  });
});
