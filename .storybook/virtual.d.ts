declare module 'virtual:pp-manifest' {
  const manifest: Record<string, unknown>;
  export default manifest;
}
