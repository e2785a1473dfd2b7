// Opens a workspace's audit chain at start-up: its key and anchor from the keyring, and the `keyed` marker the first time.
import type { Sqlite } from '../db/open';
import type { SecretStore } from '../secrets/secret-store';
import { appendAudit } from './chain';
import { KEYED_MARKER, openAuditKeying } from './keying';

export function openAuditChain(sqlite: Sqlite, keyring: SecretStore, workspaceId: string, now: number): void {
  openAuditKeying(sqlite, keyring, (seq) =>
    sqlite
      .transaction(() =>
        appendAudit(sqlite, {
          entityType: KEYED_MARKER.entityType,
          entityId: workspaceId,
          action: KEYED_MARKER.action,
          newValues: { algorithm: 'hmac-sha256', from_seq: seq },
          userId: null,
          actor: 'system',
          createdAt: now,
        }),
      )
      .immediate(),
  );
}
