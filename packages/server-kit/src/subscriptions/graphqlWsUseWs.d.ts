// The repository compiles with `moduleResolution: node`, which ignores package.json "exports":
// this maps graphql-ws's `use/ws` entry to its CommonJS typings so it type-checks. At run time
// Node resolves the subpath through "exports" as usual.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws.cjs';
}
