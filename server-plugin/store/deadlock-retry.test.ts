import { describe, expect, it } from 'vitest';
import { retryDeadlocks } from './deadlock-retry.js';

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });

describe('retryDeadlocks', () => {
  it('runs the work again after a deadlock and returns what the successful run returns', async () => {
    let runs = 0;
    const result = await retryDeadlocks(async () => {
      runs++;
      if (runs < 3) throw deadlock();
      return 'done';
    });
    expect(result).toBe('done');
    expect(runs).toBe(3);
  });

  it('gives up after four runs and throws the last deadlock', async () => {
    let runs = 0;
    await expect(retryDeadlocks(async () => {
      runs++;
      throw deadlock();
    })).rejects.toMatchObject({ code: 'ER_LOCK_DEADLOCK' });
    expect(runs).toBe(4);
  });

  it('throws any other error at once', async () => {
    let runs = 0;
    const duplicate = Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY' });
    await expect(retryDeadlocks(async () => {
      runs++;
      throw duplicate;
    })).rejects.toBe(duplicate);
    expect(runs).toBe(1);
  });
});
