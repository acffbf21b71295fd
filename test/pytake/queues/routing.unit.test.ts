import { describe, expect, it } from 'vitest';
import { type Candidate, chooseAgent } from '../../../functions/pytake/queues/routing.ts';

const agent = (id: string, load: number, skills: string[] = []): Candidate => ({ id, load, skills: new Set(skills) });
const queue = (routing_mode: string, extra: { last_assigned_agent_id?: string; settings?: Record<string, unknown>; max?: number } = {}) => ({
  routing_mode,
  max_conversations_per_agent: extra.max ?? 10,
  settings: extra.settings ?? {},
  last_assigned_agent_id: extra.last_assigned_agent_id,
});

describe('queue routing', () => {
  const agents = [agent('c', 0), agent('a', 3), agent('b', 1)];

  it('round robin: the next agent after the last assignee, by id, wrapping around', () => {
    expect(chooseAgent(queue('round_robin'), agents)).toBe('a');
    expect(chooseAgent(queue('round_robin', { last_assigned_agent_id: 'a' }), agents)).toBe('b');
    expect(chooseAgent(queue('round_robin', { last_assigned_agent_id: 'c' }), agents)).toBe('a');
  });

  it('load balance: the fewest active conversations', () => {
    expect(chooseAgent(queue('load_balance'), agents)).toBe('c');
  });

  it('skills: only agents with every required skill (any case), fewest conversations first', () => {
    const skilled = [agent('a', 0, ['vendas']), agent('b', 2, ['vendas', 'inglês']), agent('c', 1, ['inglês', 'vendas'])];
    expect(chooseAgent(queue('skills_based', { settings: { required_skills: ['Vendas', 'Inglês'] } }), skilled)).toBe('c');
    expect(chooseAgent(queue('skills_based', { settings: { required_skills: ['francês'] } }), skilled)).toBeUndefined();
  });

  it('never beyond max conversations per agent, and never in manual mode', () => {
    expect(chooseAgent(queue('load_balance', { max: 1 }), [agent('a', 1), agent('b', 2)])).toBeUndefined();
    expect(chooseAgent(queue('round_robin', { max: 2 }), [agent('a', 2), agent('b', 1)])).toBe('b');
    expect(chooseAgent(queue('manual'), agents)).toBeUndefined();
  });
});
