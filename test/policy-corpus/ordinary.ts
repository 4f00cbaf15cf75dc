// Ordinary components, written as people (and our output styles) write them: every one must be accepted, and none
// may make a request when mounted.
export interface OrdinaryCase {
  name: string;
  code: string;
  /** The component's own CSS module: its path as imported, and its contents (for mounting). */
  styleModule?: { path: string; css: string };
}

const rows: Array<[name: string, code: string]> = [
  ['a sub-component whose card colour comes from data (what the local engine writes)', `const cards = [
  { backgroundColor: '#e0f2fe', text: 'Starter', price: '$9' },
  { backgroundColor: '#dcfce7', text: 'Team', price: '$29' },
  { backgroundColor: '#fef3c7', text: 'Scale', price: '$99' },
];

interface CardProps {
  backgroundColor: string;
  text: string;
  price: string;
}

function Card({ backgroundColor, text, price }: CardProps) {
  return (
    <div style={{ width: 168, height: 200, borderRadius: 10, backgroundColor }}>
      <p style={{ margin: 0 }}>{text}</p>
      <p style={{ margin: 0, fontSize: 36, fontWeight: 700 }}>{price}</p>
    </div>
  );
}

export default function Pricing() {
  return (
    <div style={{ display: 'flex', gap: 16 }}>
      {cards.map((card) => <Card key={card.text} backgroundColor={card.backgroundColor} text={card.text} price={card.price} />)}
    </div>
  );
}
`],
  ['map over module data with index colours', `import React from 'react';

const PALETTE = ['#ef4444', '#f59e0b', '#10b981', '#3b82f6'];
const ITEMS = [
  { id: 'a', label: 'Revenue', value: 1200 },
  { id: 'b', label: 'Costs', value: 800 },
  { id: 'c', label: 'Profit', value: 400 },
];

export default function Bars() {
  return (
    <div style={{ width: 400, height: 200, position: 'relative', overflow: 'hidden', background: '#fff' }}>
      {ITEMS.map((item, i) => (
        <div key={item.id} style={{ height: 20, width: item.value / 10, background: PALETTE[i % PALETTE.length], marginBottom: 4 }}>
          {item.label}
        </div>
      ))}
    </div>
  );
}
`],
  ['lookup by a prop', `import React from 'react';

const SIZES = { sm: { padding: 4, fontSize: 12 }, md: { padding: 8, fontSize: 14 }, lg: { padding: 12, fontSize: 18 } };
type Size = keyof typeof SIZES;

function Badge({ size, label }: { size: Size; label: string }) {
  return <span style={{ ...SIZES[size], borderRadius: 999, background: '#e0e7ff' }}>{label}</span>;
}

export default function Badges() {
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Badge size="sm" label="Small" />
      <Badge size="md" label="Medium" />
      <Badge size="lg" label="Large" />
    </div>
  );
}
`],
  ['two-dimensional grid index', `import React from 'react';

const GRID = [
  [1, 0, 1],
  [0, 1, 0],
  [1, 0, 1],
];
const COLORS = ['#f1f5f9', '#0f172a'];

export default function Checker() {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 20px)' }}>
      {GRID.map((row, r) => row.map((_, c) => <div key={r * 3 + c} style={{ width: 20, height: 20, background: COLORS[GRID[r][c]] }} />))}
    </div>
  );
}
`],
  ['template-literal gradient from constants', `import React from 'react';

const FROM = '#6366f1';
const TO = '#ec4899';
const ANGLE = 135;

export default function Hero() {
  return (
    <section style={{ width: 800, height: 300, background: \`linear-gradient(\${ANGLE}deg, \${FROM} 0%, \${TO} 100%)\`, color: '#fff' }}>
      <h1 style={{ margin: 0, padding: 40, fontSize: 40 }}>Ship faster</h1>
    </section>
  );
}
`],
  ['links: https, mailto, tel, fragment, relative', `import React from 'react';

export default function Footer() {
  return (
    <footer style={{ padding: 24, fontSize: 14 }}>
      <a href="https://example.com/docs">Docs</a> · <a href="mailto:hello@example.com">Email</a> · <a href="tel:+15551234567">Call</a> ·{' '}
      <a href="#top">Top</a> · <a href="/pricing">Pricing</a>
    </footer>
  );
}
`],
  ['links from data', `import React from 'react';

const LINKS = [
  { label: 'Twitter', href: 'https://twitter.com/example' },
  { label: 'GitHub', href: 'https://github.com/example' },
  { label: 'Contact', href: 'mailto:team@example.com' },
];

export default function Social() {
  return (
    <nav style={{ display: 'flex', gap: 16 }}>
      {LINKS.map((link) => (
        <a key={link.label} href={link.href} style={{ color: '#2563eb' }}>
          {link.label}
        </a>
      ))}
    </nav>
  );
}
`],
  ['tailwind class strings', `import React from 'react';

export default function Card() {
  return (
    <div className="flex flex-col gap-4 rounded-xl bg-[#1e293b] p-6 text-white shadow-lg">
      <h2 className="text-2xl font-semibold tracking-tight">Pro plan</h2>
      <p className="text-sm text-slate-300">Everything you need to grow.</p>
      <button type="button" className="mt-2 rounded-md bg-indigo-500 px-4 py-2 hover:bg-indigo-400">Upgrade</button>
    </div>
  );
}
`],
  ['tailwind joined classes and relative url', `import React, { useState } from 'react';

const TABS = ['Overview', 'Activity', 'Settings'];

export default function Tabs() {
  const [active, setActive] = useState(0);
  return (
    <div className="w-[480px] bg-[url('/images/noise.png')]">
      {TABS.map((tab, i) => (
        <button
          key={tab}
          type="button"
          onClick={() => setActive(i)}
          className={['px-3 py-2 text-sm', i === active ? 'border-b-2 border-indigo-500 font-medium' : 'text-slate-500'].join(' ')}
        >
          {tab}
        </button>
      ))}
    </div>
  );
}
`],
  ['tailwind template className', `import React from 'react';

export default function Pill({ tone = 'green' }: { tone?: 'green' | 'red' }) {
  const color = tone === 'green' ? 'bg-emerald-100 text-emerald-800' : 'bg-rose-100 text-rose-800';
  return <span className={\`inline-flex items-center rounded-full px-2 \${color}\`}>{tone === 'green' ? 'Active' : 'Paused'}</span>;
}
`],
  ['pricing cards: named sub-component with typed props', `import React from 'react';

interface PlanCardProps {
  name: string;
  price: number;
  features: string[];
  highlighted?: boolean;
}

const PLANS: PlanCardProps[] = [
  { name: 'Starter', price: 9, features: ['1 project', 'Email support'] },
  { name: 'Team', price: 29, features: ['10 projects', 'Priority support'], highlighted: true },
  { name: 'Enterprise', price: 99, features: ['Unlimited projects', 'SSO'] },
];

function PlanCard({ name, price, features, highlighted = false }: PlanCardProps) {
  return (
    <div style={{ width: 220, padding: 20, borderRadius: 12, border: highlighted ? '2px solid #6366f1' : '1px solid #e5e7eb' }}>
      <h3 style={{ margin: 0 }}>{name}</h3>
      <p style={{ fontSize: 32, fontWeight: 700 }}>\${price}/mo</p>
      <ul>
        {features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
    </div>
  );
}

export default function Pricing() {
  return (
    <div style={{ display: 'flex', gap: 16, padding: 24 }}>
      {PLANS.map((plan) => (
        <PlanCard key={plan.name} {...plan} />
      ))}
    </div>
  );
}
`],
  ['counter with useState', `import React, { useState } from 'react';

export default function Counter() {
  const [count, setCount] = useState(0);
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <button type="button" onClick={() => setCount((c) => c - 1)}>-</button>
      <span>{count}</span>
      <button type="button" onClick={() => setCount((c) => c + 1)}>+</button>
    </div>
  );
}
`],
  ['controlled form with preventDefault', `import React, { useState } from 'react';

export default function Signup() {
  const [form, setForm] = useState({ name: '', email: '' });
  const [sent, setSent] = useState(false);
  const onChange = (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [e.target.name]: e.target.value });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSent(true);
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: 8, width: 320 }}
    >
      <input name="name" value={form.name} onChange={onChange} placeholder="Name" />
      <input name="email" type="email" value={form.email} onChange={onChange} placeholder="Email" />
      <button type="submit">{sent ? 'Thanks!' : 'Sign up'}</button>
    </form>
  );
}
`],
  ['keyboard handler', `import React, { useState } from 'react';

export default function Search() {
  const [query, setQuery] = useState('');
  const [last, setLast] = useState('');
  return (
    <div>
      <input
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setLast(query.trim());
        }}
        placeholder="Search"
      />
      <p>{last && \`Searched for "\${last}"\`}</p>
    </div>
  );
}
`],
  ['toggle with a checkbox', `import React, { useState } from 'react';

export default function Toggle() {
  const [on, setOn] = useState(false);
  return (
    <label style={{ display: 'flex', gap: 8 }}>
      <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
      <span style={{ color: on ? '#16a34a' : '#6b7280' }}>{on ? 'Enabled' : 'Disabled'}</span>
    </label>
  );
}
`],
  ['table from data', `import React from 'react';

const ROWS = [
  { id: 1, name: 'Alice', role: 'Engineer', status: 'active' },
  { id: 2, name: 'Bob', role: 'Designer', status: 'away' },
  { id: 3, name: 'Chen', role: 'PM', status: 'active' },
];
const STATUS_COLORS: Record<string, string> = { active: '#16a34a', away: '#d97706' };

export default function People() {
  return (
    <table style={{ borderCollapse: 'collapse', width: 480 }}>
      <thead>
        <tr>
          {['Name', 'Role', 'Status'].map((h) => (
            <th key={h} style={{ textAlign: 'left', padding: 8 }}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.id}>
            <td style={{ padding: 8 }}>{row.name}</td>
            <td style={{ padding: 8 }}>{row.role}</td>
            <td style={{ padding: 8, color: STATUS_COLORS[row.status] }}>{row.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
`],
  ['Intl number format and Math', `import React from 'react';

const TOTAL = 1234567.891;

export default function Stat() {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(TOTAL);
  const pct = Math.round((TOTAL / 2000000) * 100);
  return (
    <div>
      <strong>{money}</strong> <span>{pct}% of goal</span> <span>{Number('42').toFixed(1)}</span>
    </div>
  );
}
`],
  ['object entries map', `import React from 'react';

const SPECS = { Weight: '1.2 kg', Battery: '12 h', Display: '13.3"' };

export default function Specs() {
  return (
    <dl>
      {Object.entries(SPECS).map(([key, value]) => (
        <div key={key} style={{ display: 'flex', justifyContent: 'space-between' }}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
`],
  ['inline svg icon', `import React from 'react';

export default function Check() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="#16a34a" strokeWidth={2}>
      <path d="M5 12l5 5L20 7" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="12" cy="12" r="10" />
    </svg>
  );
}
`],
  ['svg gradient with a fragment url', `import React from 'react';

export default function Logo() {
  return (
    <svg width="64" height="64">
      <defs>
        <linearGradient id="g" x1="0" x2="1">
          <stop offset="0%" stopColor="#6366f1" />
          <stop offset="100%" stopColor="#ec4899" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="12" fill="url(#g)" />
    </svg>
  );
}
`],
  ['data:image and relative images', `import React from 'react';

export default function Avatar() {
  return (
    <div>
      <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" alt="dot" width={8} height={8} />
      <div style={{ width: 32, height: 32, backgroundImage: 'url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=)' }} />
    </div>
  );
}
`],
  ['memo default export', `import React from 'react';

const Card = () => (
  <div style={{ padding: 16, borderRadius: 8, boxShadow: '0 1px 3px rgba(0,0,0,0.2)' }}>
    <p>Hello</p>
  </div>
);

export default React.memo(Card);
`],
  ['arrow default export with props defaults', `import React from 'react';

type Props = { title?: string; subtitle?: string };

const Header = ({ title = 'Dashboard', subtitle = 'Welcome back' }: Props) => (
  <header style={{ padding: 24 }}>
    <h1 style={{ margin: 0 }}>{title}</h1>
    <p style={{ color: '#6b7280' }}>{subtitle}</p>
  </header>
);

export default Header;
`],
  ['timer with useRef and cleanup', `import React, { useEffect, useRef, useState } from 'react';

export default function Clock() {
  const [ticks, setTicks] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => {
    timer.current = setInterval(() => setTicks((t) => t + 1), 1000);
    return () => {
      if (timer.current) clearInterval(timer.current);
    };
  }, []);
  return <span>{ticks}s</span>;
}
`],
  ['useRef attached to an input', `import React, { useRef } from 'react';

export default function Field() {
  const input = useRef<HTMLInputElement>(null);
  return <input ref={input} placeholder="Type here" />;
}
`],
  ['useMemo and useCallback', `import React, { useCallback, useMemo, useState } from 'react';

const NUMBERS = [5, 3, 9, 1];

export default function Sorted() {
  const [desc, setDesc] = useState(false);
  const sorted = useMemo(() => [...NUMBERS].sort((a, b) => (desc ? b - a : a - b)), [desc]);
  const flip = useCallback(() => setDesc((d) => !d), []);
  return (
    <div>
      <button type="button" onClick={flip}>Sort</button>
      {sorted.join(', ')}
    </div>
  );
}
`],
  ['conditional styles and choices', `import React, { useState } from 'react';

export default function Alert({ kind = 'info' }: { kind?: 'info' | 'error' }) {
  const [open, setOpen] = useState(true);
  if (!open) return null;
  return (
    <div style={{ background: kind === 'error' ? '#fee2e2' : '#e0f2fe', cursor: open ? 'pointer' : 'default', padding: 12 }} onClick={() => setOpen(false)}>
      {kind === 'error' ? 'Something went wrong' : 'Heads up'}
    </div>
  );
}
`],
  ['for loop over a counter', `import React from 'react';

export default function Stars({ rating = 3 }: { rating?: number }) {
  const stars = [];
  for (let i = 0; i < 5; i++) {
    stars.push(<span key={i} style={{ color: i < rating ? '#f59e0b' : '#d1d5db' }}>★</span>);
  }
  return <div>{stars}</div>;
}
`],
  ['nested data and a fragment', `import React from 'react';

const SECTIONS = [
  { title: 'Product', links: [{ label: 'Features', href: '/features' }, { label: 'Pricing', href: '/pricing' }] },
  { title: 'Company', links: [{ label: 'About', href: '/about' }, { label: 'Jobs', href: 'https://jobs.example.com' }] },
];

export default function Sitemap() {
  return (
    <div style={{ display: 'flex', gap: 40 }}>
      {SECTIONS.map((section) => (
        <React.Fragment key={section.title}>
          <h4>{section.title}</h4>
          <ul>
            {section.links.map((link) => (
              <li key={link.href}>
                <a href={link.href}>{link.label}</a>
              </li>
            ))}
          </ul>
        </React.Fragment>
      ))}
    </div>
  );
}
`],
  ['select with options', `import React, { useState } from 'react';

const OPTIONS = ['Monthly', 'Yearly'];

export default function Billing() {
  const [period, setPeriod] = useState(OPTIONS[0]);
  return (
    <select value={period} onChange={(e) => setPeriod(e.target.value)}>
      {OPTIONS.map((o) => (
        <option key={o} value={o}>{o}</option>
      ))}
    </select>
  );
}
`],
  ['props spread from the own props', `import React from 'react';

type ButtonProps = { label?: string; disabled?: boolean; title?: string };

function Button({ label = 'OK', ...rest }: ButtonProps) {
  return <button type="button" {...rest}>{label}</button>;
}

export default function Actions(props: { title?: string }) {
  return (
    <div {...props}>
      <Button label="Save" title="Save changes" />
      <Button label="Cancel" disabled />
    </div>
  );
}
`],
  ['literal spread of attributes', `import React from 'react';

export default function Spread() {
  return (
    <div>
      <img alt="" {...{ src: '/img/a.png', width: 10, height: 10 }} />
      <a {...{ href: 'https://example.com', title: 'Example' }}>Example</a>
    </div>
  );
}
`],
  ['box shadow, transforms, transitions', `import React, { useState } from 'react';

export default function HoverCard() {
  const [hover, setHover] = useState(false);
  return (
    <div
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      style={{ width: 200, height: 120, transform: hover ? 'translateY(-4px)' : 'none', transition: 'transform 150ms ease', boxShadow: \`0 \${hover ? 8 : 2}px 16px rgba(0, 0, 0, 0.15)\` }}
    >
      Hover me
    </div>
  );
}
`],
  ['reduce totals', `import React from 'react';

const CART = [
  { sku: 'a1', name: 'Shirt', price: 25, qty: 2 },
  { sku: 'b2', name: 'Hat', price: 15, qty: 1 },
];

export default function Cart() {
  const total = CART.reduce((sum, line) => sum + line.price * line.qty, 0);
  return (
    <div>
      {CART.map((line) => (
        <p key={line.sku}>{line.name} × {line.qty}: \${(line.price * line.qty).toFixed(2)}</p>
      ))}
      <strong>Total: \${total.toFixed(2)}</strong>
    </div>
  );
}
`],
  ['date formatting', `import React from 'react';

const POSTED = '2026-01-15T10:00:00Z';

export default function Post() {
  const date = new Date(POSTED);
  const text = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(date);
  return <time dateTime={POSTED}>{text}</time>;
}
`],
  ['accordion with ids', `import React, { useId, useState } from 'react';

const FAQ = [
  { q: 'Can I cancel?', a: 'Yes, any time.' },
  { q: 'Is there a free trial?', a: '14 days.' },
];

export default function Faq() {
  const id = useId();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div>
      {FAQ.map((item, i) => (
        <div key={item.q}>
          <button type="button" aria-controls={\`\${id}-\${i}\`} onClick={() => setOpen(open === i ? null : i)}>{item.q}</button>
          {open === i && <p id={\`\${id}-\${i}\`}>{item.a}</p>}
        </div>
      ))}
    </div>
  );
}
`],
  ['progress and meter', `import React from 'react';

const STEPS = ['Cart', 'Shipping', 'Payment'];

export default function Checkout({ step = 1 }: { step?: number }) {
  return (
    <div>
      <progress value={step} max={STEPS.length - 1} />
      <ol>
        {STEPS.map((s, i) => (
          <li key={s} style={{ fontWeight: i === step ? 700 : 400 }}>{s}</li>
        ))}
      </ol>
    </div>
  );
}
`],
  ['placeholder image region', `import React from 'react';

export default function Media() {
  return (
    <div style={{ display: 'flex', gap: 12 }}>
      <div role="img" aria-label="photo of a mountain" style={{ width: 160, height: 100, background: '#94a3b8', borderRadius: 8 }} />
      <div>
        <h3 style={{ margin: 0 }}>Alps trip</h3>
        <p style={{ margin: 0, color: '#475569' }}>5 days · 3 people</p>
      </div>
    </div>
  );
}
`],
  ['filter and some', `import React, { useState } from 'react';

const TASKS = [
  { id: 't1', title: 'Write docs', done: true },
  { id: 't2', title: 'Fix bug', done: false },
  { id: 't3', title: 'Review PR', done: false },
];

export default function Tasks() {
  const [onlyOpen, setOnlyOpen] = useState(false);
  const visible = TASKS.filter((t) => !onlyOpen || !t.done);
  const allDone = TASKS.every((t) => t.done);
  return (
    <div>
      <button type="button" onClick={() => setOnlyOpen(!onlyOpen)}>{onlyOpen ? 'Show all' : 'Hide done'}</button>
      {allDone && <p>All done!</p>}
      <ul>
        {visible.map((t) => (
          <li key={t.id} style={{ textDecoration: t.done ? 'line-through' : 'none' }}>{t.title}</li>
        ))}
      </ul>
    </div>
  );
}
`],
  ['reducer', `import React, { useReducer } from 'react';

type Action = { type: 'inc' } | { type: 'reset' };
function reducer(state: number, action: Action) {
  switch (action.type) {
    case 'inc':
      return state + 1;
    case 'reset':
      return 0;
  }
}

export default function Clicks() {
  const [n, dispatch] = useReducer(reducer, 0);
  return (
    <div>
      <button type="button" onClick={() => dispatch({ type: 'inc' })}>Clicked {n}</button>
      <button type="button" onClick={() => dispatch({ type: 'reset' })}>Reset</button>
    </div>
  );
}
`],
  ['background images from data, relative', `import React from 'react';

const SLIDES = [
  { id: 1, image: 'url(/slides/1.jpg)', caption: 'One' },
  { id: 2, image: 'url(/slides/2.jpg)', caption: 'Two' },
];

export default function Slides() {
  return (
    <div style={{ display: 'flex' }}>
      {SLIDES.map((s) => (
        <figure key={s.id} style={{ width: 100, height: 60, backgroundImage: s.image, backgroundSize: 'cover' }}>
          <figcaption>{s.caption}</figcaption>
        </figure>
      ))}
    </div>
  );
}
`],
  ['typed event handler functions declared apart', `import React, { useState } from 'react';

export default function Rating() {
  const [value, setValue] = useState(3);
  function handleChange(event: React.ChangeEvent<HTMLInputElement>) {
    setValue(Number(event.target.value));
  }
  const handleClick = (event: React.MouseEvent) => {
    event.stopPropagation();
    setValue(5);
  };
  return (
    <div>
      <input type="range" min={1} max={5} value={value} onChange={handleChange} />
      <button type="button" onClick={handleClick}>Max</button>
    </div>
  );
}
`],
  ['grid layout with repeated cells from Array.from', `import React from 'react';

export default function Calendar() {
  const days = Array.from({ length: 28 }, (_, i) => i + 1);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 32px)', gap: 4 }}>
      {days.map((d) => (
        <div key={d} style={{ textAlign: 'center', background: d % 7 === 0 ? '#fee2e2' : '#f8fafc' }}>{d}</div>
      ))}
    </div>
  );
}
`],
  ['a textarea and a details element', `import React, { useState } from 'react';

export default function Feedback() {
  const [text, setText] = useState('');
  return (
    <details open>
      <summary>Feedback</summary>
      <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
      <small>{text.length}/280</small>
    </details>
  );
}
`],
];

export const ORDINARY: OrdinaryCase[] = [
  ...rows.map(([name, code]) => ({ name, code })),
  {
    name: 'css module',
    styleModule: { path: './Pricing.module.css', css: '.card { padding: 16px; border-radius: 8px; }\n.title { font-size: 20px; }\n.price-tag { color: #4f46e5; }\n' },
    code: `import React from 'react';
import styles from './Pricing.module.css';

const PLANS = [
  { id: 'basic', name: 'Basic', price: 5 },
  { id: 'pro', name: 'Pro', price: 15 },
];

export default function Pricing() {
  return (
    <div>
      {PLANS.map((plan) => (
        <div key={plan.id} className={styles.card}>
          <h3 className={styles.title}>{plan.name}</h3>
          <span className={styles['price-tag']}>\${plan.price}</span>
        </div>
      ))}
    </div>
  );
}
`,
  },
  {
    name: 'css module with a conditional class',
    styleModule: { path: './Toggle.module.css', css: '.on { color: green; }\n.off { color: gray; }\n' },
    code: `import React, { useState } from 'react';
import styles from './Toggle.module.css';

export default function Toggle() {
  const [on, setOn] = useState(false);
  return (
    <button type="button" className={on ? styles.on : styles.off} onClick={() => setOn(!on)}>
      {on ? 'On' : 'Off'}
    </button>
  );
}
`,
  },
];
