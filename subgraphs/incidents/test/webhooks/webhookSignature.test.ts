import { signWebhookBody, verifyWebhookSignature } from '../../src/webhooks/webhookSignature';

const SECRET = 'unit-test-secret';
const body = Buffer.from('{"alerts":[]}');
const now = 1_750_000_000_000;
const t = now / 1000;
const refusal = (header: string | undefined, secret = SECRET, payload = body) => {
  try {
    verifyWebhookSignature(header, payload, secret, now);
    return null;
  } catch (error) {
    const { status, message } = error as { status: number; message: string };
    return { status, message };
  }
};

test('a signature over "<t>.<body>" with the secret, within five minutes, is accepted', () => {
  expect(refusal(signWebhookBody(SECRET, body, t))).toBeNull();
  expect(refusal(signWebhookBody(SECRET, body, t - 299))).toBeNull();
  expect(refusal(signWebhookBody(SECRET, body, t + 299))).toBeNull();
  // During a secret rotation a sender may sign with both secrets.
  const [, oldV1] = signWebhookBody('old-secret', body, t).split(',');
  expect(refusal(`${signWebhookBody(SECRET, body, t)},${oldV1}`)).toBeNull();
});

test('missing, malformed, stale, tampered and wrongly keyed signatures are refused', () => {
  expect(refusal(undefined)).toEqual({ status: 401, message: expect.stringMatching(/^Missing x-soc-signature/) });
  expect(refusal('v1=abc')).toEqual({ status: 400, message: expect.stringMatching(/v1 must be 64 hex digits/) });
  expect(refusal(`t=soon,v1=${'0'.repeat(64)}`)).toEqual({ status: 400, message: expect.stringMatching(/malformed/) });
  expect(refusal(`t=${t}`)).toEqual({ status: 400, message: expect.stringMatching(/malformed/) });
  expect(refusal(signWebhookBody(SECRET, body, t - 301))).toEqual({ status: 401, message: expect.stringMatching(/301 s away .* at most 300 s/) });
  expect(refusal(signWebhookBody(SECRET, body, t), SECRET, Buffer.from('{"alerts":[{}]}'))).toEqual({ status: 401, message: expect.stringMatching(/does not match the body/) });
  expect(refusal(signWebhookBody('another-secret', body, t))).toEqual({ status: 401, message: expect.stringMatching(/does not match the body/) });
});
