import { describe, expect, it, vi } from 'vitest';
import { BatchedWriter } from '../../store/writer.ts';

describe('BatchedWriter', () => {
  it('coalesces many changes into one write', async () => {
    const write = vi.fn(async () => undefined);
    const writer = new BatchedWriter(write, 60_000);
    for (let i = 0; i < 1000; i++) writer.changed();
    expect(write).not.toHaveBeenCalled();
    await writer.flush();
    await writer.flush();
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('writes on its own after the delay', async () => {
    const write = vi.fn(async () => undefined);
    const writer = new BatchedWriter(write, 5);
    writer.changed();
    writer.changed();
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(1));
  });

  it('runs one write at a time and writes changes made during a write afterwards', async () => {
    let release!: () => void;
    const calls: string[] = [];
    const write = vi.fn(async () => {
      calls.push('start');
      await new Promise<void>((resolve) => (release = resolve));
      calls.push('end');
    });
    const writer = new BatchedWriter(write, 60_000);
    writer.changed();
    const first = writer.flush();
    writer.changed();
    const second = writer.flush();
    await vi.waitFor(() => expect(calls).toEqual(['start']));
    release();
    await vi.waitFor(() => expect(calls).toEqual(['start', 'end', 'start']));
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual(['start', 'end', 'start', 'end']);
  });

  it('keeps changes pending after a failed write and reports the failure to flush', async () => {
    const write = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    const writer = new BatchedWriter(write, 60_000);
    writer.changed();
    await expect(writer.flush()).rejects.toThrow('disk full');
    await writer.flush();
    expect(write).toHaveBeenCalledTimes(2);
  });
});
