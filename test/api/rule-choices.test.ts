import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACES_SQL, type RuleChoices } from '@lealtad/server/rules/choices';
import { makeReward } from '../helpers/rewards';
import { createPlatform, demo, dialect, signIn, type Platform } from '../helpers/platform';

let platform: Platform;

beforeAll(async () => {
  platform = await createPlatform({ AUTH_RATE_LIMIT: '1000' });
  // Tags are given by rules; one given tag is enough to be offered.
  await platform.sequelize.query(
    'INSERT INTO customer_tags (customer_id, tag, rule_key, created_at) SELECT id, ?, NULL, ? FROM customers ORDER BY id LIMIT 1',
    { replacements: ['cliente-oro', new Date()] },
  );
});
afterAll(() => platform.close());

const choicesAs = async (email: string) => {
  const { agent } = await signIn(platform, email);
  const res = await agent.get('/api/rules/choices');
  expect(res.status).toBe(200);
  return res.body as RuleChoices;
};

const values = (choices: readonly { value: string }[]) => choices.map((choice) => choice.value);

describe('the values a rule may name', () => {
  it('come from the demo data, stored by code and shown by name', async () => {
    const reward = await makeReward(platform);
    const choices = await choicesAs(demo.marketing);
    expect(choices.zones).toEqual([
      { value: 'CENTRO', label: 'Centro' },
      { value: 'NORTE', label: 'Norte' },
      { value: 'OCCIDENTE', label: 'Occidente' },
      { value: 'SUR', label: 'Sur' },
    ]);
    expect(choices.customerTypes).toContainEqual({ value: 'VIP', label: 'VIP' });
    expect(choices.customerTypes).toContainEqual({ value: 'FRECUENTE', label: 'Frecuente' });
    expect(values(choices.states)).toContain('Chihuahua');
    expect(choices.cities).toContainEqual({
      value: 'Ciudad Juárez',
      label: 'Ciudad Juárez',
      state: 'Chihuahua',
    });
    expect(values(choices.categories)).toContain('electrónica');
    expect(values(choices.stores).length).toBeGreaterThan(0);
    expect(choices.tags).toEqual([{ value: 'cliente-oro', label: 'cliente-oro' }]);
    expect(choices.rewards).toContainEqual({ value: reward.code, label: reward.name });
  });

  it('leave out empty places and retired rewards', async () => {
    const reward = await makeReward(platform);
    await platform.sequelize.query("UPDATE rewards SET status = 'retired' WHERE id = ?", {
      replacements: [reward.id],
    });
    await platform.sequelize.query(
      "UPDATE customers SET state = '', city = '' WHERE id = (SELECT id FROM (SELECT MAX(id) AS id FROM customers) newest)",
    );
    const choices = await choicesAs(demo.superadmin);
    expect(values(choices.rewards)).not.toContain(reward.code);
    expect(values(choices.states)).not.toContain('');
    expect(values(choices.cities)).not.toContain('');
  });

  it('offer a zone admin only its own zone', async () => {
    const choices = await choicesAs(demo.adminNorte);
    expect(choices.zones).toEqual([{ value: 'NORTE', label: 'Norte' }]);
  });

  it('are refused to those who do not write rules', async () => {
    expect((await request(platform.app).get('/api/rules/choices')).status).toBe(401);
    for (const email of [demo.callcenter, demo.customer(1)]) {
      const { agent } = await signIn(platform, email);
      const res = await agent.get('/api/rules/choices');
      expect(res.status).toBe(403);
      expect(res.body.error.id).toBe('forbidden');
    }
  });

  it('read the places off the customers (state, city) index alone, not the table', async () => {
    const explain = (prefix: string) =>
      platform.sequelize.query<Record<string, unknown>>(`${prefix} ${PLACES_SQL}`, {
        replacements: [10],
        type: QueryTypes.SELECT,
      });
    if (dialect === 'mysql') {
      const [step] = await explain('EXPLAIN');
      expect(step?.key).toBe('customers_place');
      expect(String(step?.Extra)).toContain('Using index');
    } else {
      const steps = await explain('EXPLAIN QUERY PLAN');
      expect(steps.map((step) => String(step.detail)).join('\n')).toContain(
        'COVERING INDEX customers_place',
      );
    }
  });
});
