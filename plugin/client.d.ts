// Types of `virtual:ui2code`. Add `"types": ["ui2code/client"]` to tsconfig, or `/// <reference types="ui2code/client" />`.
declare module 'virtual:ui2code' {
  import type { ComponentType } from 'react';

  export interface GeneratedComponent {
    /** Component name (PascalCase), as exported by its file. */
    name: string;
    /** Design image path relative to the project root. */
    design: string;
    /** Absolute path of the component file. */
    file: string;
    /** Lazy import of the component's module: pass to React.lazy or await it. */
    load: () => Promise<{ default: ComponentType<Record<string, never>> }>;
  }

  export const components: GeneratedComponent[];
  export default components;
}
