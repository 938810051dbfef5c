// web-ext ships no types: the one call scripts/store-packages.mjs makes, as web-ext 10 documents it.
declare module 'web-ext' {
  interface BuildParams {
    sourceDir: string;
    artifactsDir: string;
    overwriteDest: boolean;
    /** `{version}` and other manifest fields are filled in. */
    filename: string;
  }
  const webExt: {
    cmd: { build(params: BuildParams, options: { shouldExitProgram: boolean }): Promise<{ extensionPath: string }> };
  };
  export default webExt;
}
