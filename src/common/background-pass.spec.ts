import { Logger } from '@nestjs/common';
import { BackgroundPass } from './background-pass';

describe('BackgroundPass', () => {
  const logger = { error: jest.fn() } as unknown as Logger;

  it('never runs two passes at once, and runs once more for a kick that came mid-pass', async () => {
    let active = 0;
    let most = 0;
    let passes = 0;
    let release!: () => void;
    const background = new BackgroundPass(async () => {
      active++;
      most = Math.max(most, active);
      passes++;
      if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
      active--;
    }, logger);
    background.kick();
    background.kick();
    background.kick();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await background.stop();
    expect(most).toBe(1);
    expect(passes).toBe(2);
  });

  it('logs a failing pass instead of throwing', async () => {
    const background = new BackgroundPass(async () => {
      throw new Error('boom');
    }, logger);
    background.kick();
    await background.stop();
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
  });
});
