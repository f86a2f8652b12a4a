// The printed URL opens the app in one click, and then the token leaves the address bar: the
// page runs on an HttpOnly, SameSite=Strict cookie of its port from then on (a reload keeps
// working), while a browser without the cookie or the token gets nothing.
import { expect, test } from './serve-fixture.ts';

test('the URL token becomes a cookie and leaves the address bar', async ({ page, served, browser }) => {
  await page.goto(`${served.url}#/settings`);
  await expect(page.getByTestId('data-ok')).toContainText('cifar-10-batches-bin');
  const { origin, port } = new URL(served.url);
  await expect(page).toHaveURL(`${origin}/#/settings`);
  const cookies = await page.context().cookies(origin);
  expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([[`sweeplab-${port}`, true, 'Strict']]);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await page.reload();
  await expect(page.getByTestId('data-ok')).toContainText('cifar-10-batches-bin'); // the WebSocket opened with the cookie

  const stranger = await browser.newPage();
  try {
    const refused = await stranger.goto(`${origin}/`);
    expect(refused?.status()).toBe(401);
  } finally {
    await stranger.close();
  }
});
