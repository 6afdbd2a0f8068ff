// The API client reads the page's origin when it is imported; tests run without a page.
Object.assign(globalThis, {
  window: { location: { origin: 'http://127.0.0.1:3000' } },
});
