import { signWebhookBody, verifyWebhookSignature } from '../../src';

const body = JSON.stringify({ hello: 'world' });

test('a receiver verifies the signature over the timestamp and the exact body', () => {
  const header = signWebhookBody('s3cret', body);
  expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(verifyWebhookSignature(header, body, 's3cret')).toBe(true);
  expect(verifyWebhookSignature(header, Buffer.from(body), 's3cret')).toBe(true);
});

test('a changed body, another secret, an old timestamp or a malformed header fail', () => {
  const header = signWebhookBody('s3cret', body);
  expect(verifyWebhookSignature(header, `${body} `, 's3cret')).toBe(false);
  expect(verifyWebhookSignature(header, body, 'other')).toBe(false);
  const old = signWebhookBody('s3cret', body, Math.floor(Date.now() / 1000) - 301);
  expect(verifyWebhookSignature(old, body, 's3cret')).toBe(false);
  expect(verifyWebhookSignature(old, body, 's3cret', { toleranceSeconds: 600 })).toBe(true);
  expect(verifyWebhookSignature(undefined, body, 's3cret')).toBe(false);
  expect(verifyWebhookSignature('v1=abc', body, 's3cret')).toBe(false);
});

test('during a secret rotation either signature is accepted', () => {
  const t = Math.floor(Date.now() / 1000);
  const oldSig = signWebhookBody('old', body, t).split(',')[1];
  const newSig = signWebhookBody('new', body, t).split(',')[1];
  expect(verifyWebhookSignature(`t=${t},${oldSig},${newSig}`, body, 'new')).toBe(true);
});
