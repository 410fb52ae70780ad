// Lets TypeScript accept `import src from './x.wgsl'`: esbuild's text loader turns the shader file into a string.
declare module '*.wgsl' {
  const src: string;
  export default src;
}
