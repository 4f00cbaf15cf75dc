import React from 'react';

export default function Profile() {
  return (
    <div style={{ width: 400, height: 240, background: '#1e293b', fontFamily: 'Arial, sans-serif', padding: 24, boxSizing: 'border-box', display: 'flex', gap: 20 }}>
      <div style={{ width: 72, height: 72, borderRadius: 36, background: '#f472b6' }} />
      <div>
        <div style={{ fontSize: 22, color: '#f8fafc', fontWeight: 700 }}>Ada Lovelace</div>
        <div style={{ fontSize: 14, color: '#94a3b8', marginTop: 6 }}>Analyst, Engine Works</div>
        <div style={{ marginTop: 24, width: 120, height: 36, borderRadius: 18, background: '#38bdf8', color: '#0f172a', fontSize: 14, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>Follow</div>
      </div>
    </div>
  );
}
