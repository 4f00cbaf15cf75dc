// The gallery: every component ui2code generated from designs/, from `virtual:ui2code`. Drop a PNG into designs/ and it appears here.
import React, { Suspense, lazy, useMemo } from 'react';
import { components, type GeneratedComponent } from 'virtual:ui2code';

function Entry({ entry }: { entry: GeneratedComponent }) {
  const Component = useMemo(() => lazy(entry.load), [entry]);
  return (
    <section data-component={entry.name} style={{ marginBottom: 32 }}>
      <h2 style={{ font: '600 15px system-ui', margin: '0 0 8px' }}>
        {entry.name} <small style={{ color: '#6b7280', fontWeight: 400 }}>from {entry.design}</small>
      </h2>
      <div style={{ boxShadow: '0 1px 4px rgba(0,0,0,.15)' }}>
        <Suspense fallback={<div>loading…</div>}>
          <Component />
        </Suspense>
      </div>
    </section>
  );
}

export function App() {
  return (
    <main style={{ padding: 24, font: '14px system-ui', background: '#fafafa', minHeight: '100vh' }}>
      <h1 style={{ font: '700 22px system-ui', margin: '0 0 4px' }}>ui2code playground</h1>
      <p style={{ margin: '0 0 24px', color: '#4b5563' }}>
        Drop a mockup into <code>designs/</code>; its component appears below. Live status: <a href="/__ui2code/">/__ui2code/</a>
      </p>
      {components.length === 0 ? <p id="empty">No generated components yet.</p> : components.map((entry) => <Entry key={entry.file} entry={entry} />)}
    </main>
  );
}
