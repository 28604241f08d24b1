import { Job, type Queue } from 'bullmq';

/**
 * Why a job failed, in words an operator can act on: a fan-out parent that a shard took
 * down reports the shard and the shard's own error rather than BullMQ's "child … failed".
 */
export async function describeFailure(job: Job, queues: Queue[]): Promise<string> {
  const reason = job.failedReason ?? '';
  const child = /^child (.+) failed$/.exec(reason);
  if (!child) return reason;
  for (const queue of queues) {
    const prefix = `${queue.opts.prefix}:${queue.name}:`;
    if (!child[1].startsWith(prefix)) continue;
    const shard = await Job.fromId(queue, child[1].slice(prefix.length));
    if (shard) return `${shard.name} ${shard.id}: ${shard.failedReason}`;
  }
  return reason;
}
