/**
 * The case bundle: one ZIP a lawyer or a court can check offline (README "The case bundle"). What
 * the service writes and what the verifier reads are defined here once.
 *
 *   manifest.json          the case, and the case file and file versions with SHA-256 and size; its
 *                          own SHA-256 is in the bundle's audit record, which the proofs cover
 *   case-file.pdf          the case file as the caller may read it
 *   files/<file id>/v<version>/<name>   every version of every file the caller may see, as uploaded
 *   audit/records.json     every audit record of the case the caller may see, each with its
 *                          RFC 9162 inclusion proof against the checkpoint
 *   audit/checkpoint.json  the signed checkpoint (size, Merkle root, time, Ed25519 signature)
 *   audit/public-key.pem   the public key that signed it (SPKI PEM)
 */
export const BUNDLE_FORMAT = 'case-tracker case bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export const MANIFEST_PATH = 'manifest.json';
export const CASE_FILE_PATH = 'case-file.pdf';
export const RECORDS_PATH = 'audit/records.json';
export const CHECKPOINT_PATH = 'audit/checkpoint.json';
export const PUBLIC_KEY_PATH = 'audit/public-key.pem';

/** The audit record of a bundle taken: action `export`, this entity type, details as below. */
export const BUNDLE_AUDIT_ENTITY = 'case_bundle';

export type ManifestEntryRole = 'case_file' | 'file';

export interface ManifestFile {
  id: string;
  kind: string;
  version: number;
  mediaType: string;
  originalName: string;
  uploadedAt: string;
  uploadedBy: string;
  privileged: boolean;
}

export interface ManifestEntry {
  path: string;
  role: ManifestEntryRole;
  /** SHA-256 of the entry's bytes, hexadecimal. */
  sha256: string;
  size: number;
  /** For role "file": which file and version the bytes are. */
  file?: ManifestFile;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  case: { id: string; reference: string; title: string };
  generatedAt: string;
  generatedBy: string;
  language: string;
  entries: ManifestEntry[];
}

/** One record of audit/records.json: the record as GET /audit/events shows it, and its proof. */
export interface BundleRecord {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  changes: unknown;
  details: unknown;
  requestId: string | null;
  clientAddress: string | null;
  /** SHA-256 of the record's canonical content, base64 (the Merkle leaf's data). */
  leafHash: string;
  /** Inclusion proof of leaf seq - 1 in the checkpoint's tree: node hashes, base64. */
  proof: string[];
}

/** The path of a file version inside the archive. */
export function filePath(fileId: string, version: number, name: string): string {
  return `files/${fileId}/v${version}/${name}`;
}
