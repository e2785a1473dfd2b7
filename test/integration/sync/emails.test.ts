// The marketplace's emails are normalised (trimmed, lower-case) before they are stored or compared, as operators'
// are (issue 13): a learner's email in a payment's Stripe metadata and an instructor's on their connected account
// arrive as the marketplace typed them, padded and mixed-case, and are found by a search in lower case.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syncedWorkspace } from './workspace';

const w = syncedWorkspace({ seed: 71, operators: [{ username: 'sup', name: 'Sue Port', role: 'support' }] });
const sqlite = () => w.c.core.services.sqlite;

describe('synced marketplace emails', () => {
  it('stores a padded, mixed-case metadata email trimmed and lower-cased, found by a lower-case search', async () => {
    const instructor = w.sim.scenario!.instructors[0]!;
    const learnerId = randomUUID();
    await w.stripe().paymentIntents.create({
      amount: 5400,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      metadata: {
        lplate_learner_id: learnerId,
        lplate_learner_email: '  Zelda.Quince@Example.COM ',
        lplate_learner_name: 'Zelda Quince',
        lplate_instructor_id: instructor.id,
        lplate_payment_type: 'lesson',
        lplate_hours: '1',
        lplate_rate_pence: String(instructor.ratePence),
      },
    });
    expect((await w.sync())?.state).toBe('done');

    const stored = sqlite()
      .prepare(
        'SELECT u.email, p.email AS profile FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id = ?',
      )
      .get(learnerId);
    expect(stored).toEqual({ email: 'zelda.quince@example.com', profile: 'zelda.quince@example.com' });
    const people = await w.call('sup', 'people.search', { q: 'zelda.quince@example.com' });
    expect(people.map((p) => [p.id, p.email])).toEqual([[learnerId, 'zelda.quince@example.com']]);
    const hits = await w.call('sup', 'search.find', { q: 'zelda.quince@example.com' });
    expect(hits.some((h) => h.kind === 'person' && h.id === learnerId)).toBe(true);
  });

  it("stores an instructor's connected-account email the same way", async () => {
    const instructor = w.sim.scenario!.instructors[1]!;
    await w.stripe().accounts.update(instructor.accountId, { email: ' Ivo.Marsh@Example.Org  ' });
    expect((await w.sync())?.state).toBe('done');
    const email = sqlite()
      .prepare('SELECT u.email FROM instructors i JOIN users u ON u.id = i.user_id WHERE i.id = ?')
      .pluck()
      .get(instructor.id);
    expect(email).toBe('ivo.marsh@example.org');
    const people = await w.call('sup', 'people.search', { q: 'ivo.marsh@example.org' });
    expect(people.map((p) => p.email)).toEqual(['ivo.marsh@example.org']);
  });
});
