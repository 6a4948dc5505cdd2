import { devToken } from '../../../test/support/client';
import { startLiveStack, type LiveStack } from './support/liveStack';
import { record, wsClient } from './support/wsClient';

let stack: LiveStack;
beforeAll(async () => {
  stack = await startLiveStack();
});
afterAll(() => stack?.stop());

test('stopping the gateway closes client sockets (1001) and completes their upstream operations', async () => {
  const token = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  const client = wsClient(stack.wsUrl, { authorization: `Bearer ${token}`, tenantId: 'contoso' });
  const events = record(client, 'subscription { ticketEvents(channel: "shutdown") { seq } }');
  await stack.feed.waitForSubscribers('contoso', 'shutdown', 1);
  const before = stack.feed.returnCalls;

  await stack.gateway.stop();

  await events.waitForEnd();
  expect(events.error).toMatchObject({ code: 1001 });
  await stack.feed.waitForSubscribers('contoso', 'shutdown', 0);
  expect(stack.feed.returnCalls).toBe(before + 1);
  await client.dispose();
});
