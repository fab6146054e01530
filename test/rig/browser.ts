// Debian's Chromium driven by playwright-core (never the `playwright` package, which downloads browsers).
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './codeServerInstall';

/** Launches headless Chromium with the flags that keep it off the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
