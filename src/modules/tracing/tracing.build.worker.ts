/** The index build's helper thread (tracing.build.ts): lays out the parts it is sent. */
import { parentPort } from 'node:worker_threads';
import type { BuildReply, BuildRequest } from './tracing.build.ts';
import { checkinArrays, membershipArrays } from './tracing.index.ts';

const port = parentPort!;
port.on('message', (r: BuildRequest) => {
  let reply: BuildReply;
  try {
    reply = r.part === 'memberships' ? { id: r.id, memberships: membershipArrays(r.rows) } : { id: r.id, checkins: checkinArrays(r.rows) };
  } catch (e) {
    reply = { id: r.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
