export interface ManifestDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  modulePath: string;
  attributes?: { name: string; fieldName?: string; type?: { text: string }; default?: string; description?: string }[];
  members?: { kind: string; name: string; type?: { text: string }; description?: string; attribute?: string; readonly?: boolean }[];
  events?: { name: string; description?: string; type?: { text: string } }[];
  slots?: { name: string; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string; default?: string }[];
  cssStates?: { name: string; description?: string }[];
}
export interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: unknown[]; exports?: unknown[] }[];
}
export function readManifest(path?: string): Manifest;
export function elements(manifest: Manifest): ManifestDeclaration[];
export function sourcePath(modulePath: string): string;
