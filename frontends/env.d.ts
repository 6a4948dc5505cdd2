/** Build-time constants (see common/rsbuild.ts). */
declare const __SOC_APP__: string;
declare const __SOC_VERSION__: string;
declare const __SOC_BUILD_LABEL__: string;

declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
declare module '*.css';
