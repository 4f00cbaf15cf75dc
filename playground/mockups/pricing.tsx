import React from 'react';

const plans = [
  { name: 'Starter', price: '$9', color: '#e0f2fe' },
  { name: 'Team', price: '$29', color: '#dcfce7' },
  { name: 'Scale', price: '$99', color: '#fef3c7' },
];

export default function Pricing() {
  return (
    <div style={{ width: 600, height: 320, background: '#ffffff', fontFamily: 'Arial, sans-serif', padding: 24, boxSizing: 'border-box' }}>
      <h2 style={{ margin: '0 0 20px', fontSize: 24, color: '#0f172a' }}>Pricing</h2>
      <div style={{ display: 'flex', gap: 16 }}>
        {plans.map((plan) => (
          <div key={plan.name} style={{ width: 168, height: 200, background: plan.color, borderRadius: 10, padding: 16, boxSizing: 'border-box' }}>
            <div style={{ fontSize: 16, color: '#334155' }}>{plan.name}</div>
            <div style={{ fontSize: 32, fontWeight: 700, color: '#0f172a', marginTop: 12 }}>{plan.price}</div>
            <div style={{ fontSize: 12, color: '#64748b', marginTop: 4 }}>per month</div>
          </div>
        ))}
      </div>
    </div>
  );
}
