// Browser-test harness: the real core + headless host on a fresh workspace, driven in Debian Chromium.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import Stripe from 'stripe';
import { chromiumPdf } from '../../src/main/documents/chromium-pdf';
import { expect } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { startHttpHost, type HttpHost } from '../../src/main/host/http-host';
import { serveWorkspace } from '../../src/main/host/team-server';
import { selfSignedPair } from '../../src/main/host/tls';
import { APP_ROOT, MIGRATIONS_DIR, RENDERER_DIR } from '../../src/main/host/paths';
import { demoSettings } from '../../src/main/demo/simulator';
import { startDemoWorkspace } from '../../src/main/demo/workspace';
import type { FaultSpec } from '../../src/main/simulator';
import { closeAndForget } from '../fixtures/core';
import type { StripeApiAddress } from '../../src/main/stripe/client';
import { hostSecretStore } from '../../src/main/host/host-secrets';
import { fileKeyring } from '../../src/main/secrets/keyring-file';
import { findChromium, NO_CHROMIUM } from '../../src/main/documents/find-chromium';

export const CHROMIUM =
  findChromium() ??
  (() => {
    throw new Error(NO_CHROMIUM);
  })();
export const SCREENSHOTS = join(APP_ROOT, 'test-results', 'screenshots');

export interface Console {
  core: Core;
  host: HttpHost;
  workspaceDir: string;
  close(): Promise<void>;
}

/**
 * A real workspace (first run), or the demo workspace: its own simulator, operators per role, and a first
 * backfill that starts in the background — slowed by `simulatorFaults` when a test wants to watch it run.
 * A real workspace may be given a Stripe (a simulator's address) and a folder for the host's keyring, as `lplate
 * serve` has them: an admin then connects it from Settings.
 */
export async function startConsole(
  options: {
    demo?: boolean;
    simulatorFaults?: FaultSpec;
    demoCompletions?: boolean;
    stripe?: { api: StripeApiAddress; keyDir: string };
    /** Serve it as a team server: HTTPS with a self-signed pair made in the workspace, no host token. */
    team?: boolean;
  } = {},
): Promise<Console> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the e2e tests (npm test does).');
  }
  const workspaceDir = mkdtempSync(join(tmpdir(), 'lplate-e2e-'));
  const core = await createCore({
    strictContract: true,
    workspaceDir,
    migrationsDir: MIGRATIONS_DIR,
    log: () => {},
    pdf: chromiumPdf(CHROMIUM),
    autoSync: Boolean(options.demo || options.stripe),
    ...(options.stripe
      ? {
          stripeApi: options.stripe.api,
          secrets: hostSecretStore(),
          keyring: (id: string) => fileKeyring(options.stripe!.keyDir, id),
        }
      : {}),
    ...(options.demo ? { demo: demoSettings(Date.now()) } : {}),
  });
  if (options.simulatorFaults) core.simulator?.control.setFaults(options.simulatorFaults);
  if (options.demo) await startDemoWorkspace(core, { importCompletions: options.demoCompletions !== false });
  const host = options.team
    ? await serveWorkspace(core, { rendererDir: RENDERER_DIR, tls: await selfSignedPair(workspaceDir, []) })
    : await startHttpHost({ core, rendererDir: RENDERER_DIR });
  return {
    core,
    host,
    workspaceDir,
    async close() {
      await host.close();
      closeAndForget(core, workspaceDir);
    },
  };
}

/** A fresh Chromium profile; `trustAnyCertificate` for a team server's self-signed pair (its pin is tested in Node). */
export async function launchBrowser(
  options: { trustAnyCertificate?: boolean } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'lplate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    ignoreHTTPSErrors: options.trustAnyCertificate === true,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and CSP violations so a test can assert the page ran cleanly. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/401|403|Failed to load resource/.test(message.text()))
      errors.push(message.text());
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export interface Journey {
  lplate: Console;
  page: Page;
  /** The browser profile the page runs in (its cookies, for the session checks). */
  context: BrowserContext;
  /** Console errors and CSP violations seen so far (a journey ends by expecting none). */
  errors: string[];
  close(): Promise<void>;
}

/** A console and one Chromium page on it, for a test file's journeys. */
export async function startJourney(options: Parameters<typeof startConsole>[0] = {}): Promise<Journey> {
  const lplate = await startConsole(options);
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  return {
    lplate,
    page,
    context: browser.context,
    errors: watchPageErrors(page),
    async close() {
      await browser.close();
      await lplate.close();
    },
  };
}

/** A journey's steps as a demo operator: sign in (with the demo's `demo-<username>-pass`), sign out, open an area. */
export function demoOperatorSteps(journey: Pick<Journey, 'page' | 'lplate'>) {
  const { page, lplate } = journey;
  return {
    async signIn(username: string) {
      await page.goto(lplate.host.openUrl);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password', { exact: true }).fill(`demo-${username}-pass`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect
        .poll(() => page.getByTestId('operator-role').textContent())
        .toMatch(new RegExp(username, 'i'));
    },
    async signOut() {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => page.getByLabel('Username').count()).toBe(1);
    },
    nav: (name: string) =>
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click(),
  };
}

const demoStripe = (lplate: Console) =>
  new Stripe('sk_test_e2e', { host: '127.0.0.1', port: lplate.core.simulator!.port, protocol: 'http' });

/**
 * The demo platform's automatic payout empties its available balance every Friday at 18:00, and a refund made from an
 * empty balance stays pending in Stripe (a journey run on a Friday evening waited for "Refunded" in vain). A charge
 * whose funds are available at once (Stripe's `pm_card_bypassPending`), synced, covers a journey's refunds without
 * moving the clock.
 */
export async function coverDemoRefunds(lplate: Console): Promise<void> {
  await demoStripe(lplate).paymentIntents.create({
    amount: 200_000,
    currency: 'gbp',
    confirm: true,
    payment_method: 'pm_card_bypassPending',
  });
  await lplate.core.sync.wait(lplate.core.sync.run('sync'));
}

/**
 * The demo platform pays its balance out every Friday, so it holds far less than a month of instructors' earnings
 * (the payouts preview warns of it). A big charge, its funds made available and synced, lets a whole run be paid.
 */
export async function fundDemoPlatform(lplate: Console): Promise<void> {
  const sim = lplate.core.simulator!;
  sim.control.setPayoutSchedule('manual');
  const stripe = demoStripe(lplate);
  await stripe.paymentIntents.create({
    amount: 5_000_000,
    currency: 'gbp',
    confirm: true,
    payment_method: 'pm_card_visa',
  });
  const available = async () =>
    (await stripe.balance.retrieve()).available.reduce((sum, b) => sum + b.amount, 0);
  for (let day = 0; day < 5 && (await available()) < 5_000_000; day += 1) sim.control.advance(86_400);
  await lplate.core.sync.wait(lplate.core.sync.run('sync'));
}
