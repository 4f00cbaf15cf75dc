import React from 'react';

export default function Login() {
  return (
    <div style={{ width: 800, height: 600, background: '#eef2f7', fontFamily: 'Arial, sans-serif', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <div style={{ width: 360, background: '#ffffff', borderRadius: 12, padding: 32, boxSizing: 'border-box' }}>
        <h1 style={{ margin: 0, fontSize: 26, color: '#111827' }}>Sign in</h1>
        <p style={{ margin: '8px 0 24px', fontSize: 14, color: '#6b7280' }}>Welcome back to Acme</p>
        <div style={{ fontSize: 13, color: '#374151', marginBottom: 6 }}>Email</div>
        <div style={{ height: 40, border: '1px solid #d1d5db', borderRadius: 6, marginBottom: 16 }} />
        <div style={{ fontSize: 13, color: '#374151', marginBottom: 6 }}>Password</div>
        <div style={{ height: 40, border: '1px solid #d1d5db', borderRadius: 6, marginBottom: 24 }} />
        <div style={{ height: 44, background: '#2563eb', borderRadius: 6, color: '#ffffff', fontSize: 15, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>Continue</div>
      </div>
    </div>
  );
}
