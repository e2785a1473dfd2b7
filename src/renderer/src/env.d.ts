// Lets TypeScript accept the side-effect CSS imports that vite bundles.
declare module '*.css';
