/**
 * The widget's CSS, applied inside its shadow root only: `:host { all: initial }` cuts every
 * inherited property from the host page, and nothing here can leak out to the page.
 */
export const CSS = `
:host {
  all: initial;
  --brand: #1f5fd1;
  --brand-strong: #164aa8;
  --brand-soft: #e8f0fd;
  --ink: #1b2333;
  --ink-2: #4a5568;
  --muted: #6b7485;
  --line: #dde2ea;
  --bg: #f5f7fa;
  --surface: #ffffff;
  --green: #1a9d5a;
  --amber: #e0a100;
  --red: #c4321f;
  --focus: #2f6fe4;
  --font: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { font-family: var(--font); font-size: 14px; line-height: 1.45; color: var(--ink); -webkit-font-smoothing: antialiased; }
button, input, textarea, select { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border-radius: 50%; border: 0; padding: 0;
  display: grid; place-items: center; background: var(--brand); color: #fff;
  box-shadow: 0 6px 20px rgb(31 95 209 / 35%), 0 2px 6px rgb(16 24 40 / 20%);
  transition: transform .18s ease, background .18s ease;
}
.launcher:hover { background: var(--brand-strong); transform: scale(1.05); }
.launcher svg { width: 28px; height: 28px; }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: var(--red); color: #fff; font-size: 12px; font-weight: 700;
  display: grid; place-items: center; border: 2px solid #fff;
}

.panel {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
  width: 380px; height: min(640px, calc(100vh - 112px)); max-height: calc(100vh - 112px);
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--bg); border-radius: 16px;
  box-shadow: 0 16px 48px rgb(16 24 40 / 22%), 0 2px 8px rgb(16 24 40 / 10%);
  animation: kefu-in .2s ease-out;
}
@keyframes kefu-in { from { opacity: 0; transform: translateY(12px) scale(.98); } to { opacity: 1; transform: none; } }

.header {
  flex: none; display: flex; align-items: center; gap: 12px; padding: 14px 12px 14px 16px;
  background: linear-gradient(135deg, var(--brand) 0%, #3a7be8 100%); color: #fff;
}
.avatar {
  flex: none; width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center;
  background: rgb(255 255 255 / 22%); font-weight: 700; font-size: 16px; position: relative;
}
.avatar svg { width: 22px; height: 22px; }
.titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 650; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.status { margin: 2px 0 0; font-size: 12.5px; opacity: .92; display: flex; align-items: center; gap: 6px; }
.status > span:last-child { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #b8c2d3; flex: none; }
.dot[data-tone="ok"] { background: #4ade80; box-shadow: 0 0 0 2px rgb(74 222 128 / 30%); }
.dot[data-tone="wait"] { background: #fcd34d; }
.dot[data-tone="bad"] { background: #fca5a5; }
.hbtn {
  flex: none; height: 32px; min-width: 32px; padding: 0 8px; border-radius: 8px; border: 0;
  background: transparent; color: #fff; display: grid; place-items: center; font-size: 13px; font-weight: 600;
}
.hbtn:hover { background: rgb(255 255 255 / 16%); }
.hbtn svg { width: 20px; height: 20px; }
.hbtn:focus-visible { outline-color: #fff; }

.body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.scroll { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; }
.center { flex: 1; display: grid; place-items: center; padding: 24px; text-align: center; color: var(--muted); }

.banner { flex: none; margin: 8px 12px 0; padding: 8px 12px; border-radius: 8px; font-size: 13px; background: #fdecea; color: var(--red); }
.banner[data-tone="info"] { background: #fff4d6; color: #8a5a00; }

.prechat { padding: 20px 18px 24px; }
.prechat h3 { margin: 0 0 4px; font-size: 20px; font-weight: 700; }
.intro { margin: 0 0 18px; color: var(--ink-2); }
.card { background: var(--surface); border-radius: 12px; padding: 16px; box-shadow: 0 1px 3px rgb(16 24 40 / 8%); }
.field { display: block; margin-bottom: 14px; }
.label { display: block; margin-bottom: 6px; font-size: 13px; font-weight: 600; color: var(--ink-2); }
.opt { font-weight: 400; color: var(--muted); }
.input {
  display: block; width: 100%; height: 40px; padding: 0 12px; border-radius: 8px; border: 1px solid #cfd6e1;
  background: #fff; outline: none; transition: border-color .15s, box-shadow .15s;
}
select.input { padding-right: 8px; }
.input:focus { border-color: var(--brand); box-shadow: 0 0 0 3px rgb(31 95 209 / 18%); }
.input[aria-invalid="true"] { border-color: var(--red); }
.err { margin: 5px 0 0; font-size: 12.5px; color: var(--red); }
.verified { display: flex; gap: 6px; align-items: center; margin: 0 0 14px; font-size: 13px; color: var(--green); }
.verified svg { width: 16px; height: 16px; }
.primary {
  width: 100%; height: 44px; border: 0; border-radius: 10px; background: var(--brand); color: #fff; font-weight: 650; font-size: 15px;
}
.primary:hover { background: var(--brand-strong); }
.primary:disabled { opacity: .6; cursor: default; }
.secondary {
  height: 38px; padding: 0 14px; border-radius: 10px; border: 1px solid var(--line); background: #fff; font-weight: 600; color: var(--ink);
}
.secondary:hover { border-color: #b9c3d3; }

.waiting {
  margin: 12px 12px 0; padding: 14px 16px; border-radius: 12px; background: var(--surface);
  box-shadow: 0 1px 3px rgb(16 24 40 / 8%); display: flex; gap: 12px; align-items: flex-start;
}
.waiting .ico { flex: none; width: 36px; height: 36px; border-radius: 50%; background: var(--brand-soft); color: var(--brand); display: grid; place-items: center; }
.waiting .ico svg { width: 20px; height: 20px; }
.waiting strong { display: block; font-size: 15px; }
.waiting p { margin: 2px 0 0; color: var(--ink-2); font-size: 13px; }
.waiting .hint { color: var(--muted); font-size: 12.5px; margin-top: 6px; }

.log { padding: 14px 12px 6px; display: flex; flex-direction: column; gap: 2px; outline: none; }
.empty { margin: 24px 16px; text-align: center; color: var(--muted); font-size: 13px; }
.row { display: flex; flex-direction: column; max-width: 82%; margin-top: 8px; }
.row.cont { margin-top: 2px; }
.row.mine { align-self: flex-end; align-items: flex-end; }
.row.theirs { align-self: flex-start; align-items: flex-start; padding-left: 36px; position: relative; }
.who { font-size: 12px; color: var(--muted); margin: 0 0 3px 4px; }
.row .av {
  position: absolute; left: 0; bottom: 18px; width: 28px; height: 28px; border-radius: 50%;
  background: #dfe7f6; color: var(--brand); font-size: 12px; font-weight: 700; display: grid; place-items: center;
}
.bubble {
  padding: 9px 13px; border-radius: 18px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
  font-size: 14.5px; line-height: 1.45;
}
.mine .bubble { background: var(--brand); color: #fff; border-bottom-right-radius: 6px; }
.theirs .bubble { background: var(--surface); color: var(--ink); border-bottom-left-radius: 6px; box-shadow: 0 1px 2px rgb(16 24 40 / 8%); }
.row.failed .bubble { background: #fbe3e0; color: var(--ink); }
.bubble p { margin: 0; }
.meta { display: flex; gap: 4px; align-items: center; margin: 3px 4px 0; font-size: 11px; color: var(--muted); }
.ticks { display: inline-flex; align-items: center; gap: 3px; }
.ticks svg { width: 15px; height: 15px; }
.ticks[data-status="read"] { color: var(--brand); }
.ticks[data-status="failed"] { color: var(--red); }
.linkbtn { border: 0; background: none; padding: 0 2px; color: var(--brand); font-size: 11.5px; font-weight: 600; text-decoration: underline; }
.file {
  display: flex; align-items: center; gap: 10px; margin-top: 2px; padding: 8px 10px; border-radius: 10px; border: 0; text-align: left;
  background: rgb(255 255 255 / 18%); color: inherit; max-width: 240px;
}
.theirs .file, .failed .file { background: var(--bg); }
.file svg { width: 22px; height: 22px; flex: none; }
.file span { display: block; min-width: 0; }
.file .fname { font-weight: 600; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.file .fsize { font-size: 11.5px; opacity: .8; }
.imgbtn { display: block; border: 0; padding: 0; margin: 0; background: none; border-radius: 10px; }
.thumb { display: block; max-width: 220px; max-height: 220px; border-radius: 10px; margin-top: 2px; background: #e6ebf2; min-width: 60px; min-height: 40px; }
.notice { align-self: center; margin: 12px 0 4px; padding: 3px 12px; border-radius: 12px; background: #e8ecf2; color: var(--ink-2); font-size: 12px; text-align: center; }

.typing { align-self: flex-start; display: flex; align-items: center; gap: 8px; margin: 8px 0 4px 36px; font-size: 12px; color: var(--muted); }
.dots { display: inline-flex; gap: 4px; padding: 11px 14px; background: var(--surface); border-radius: 18px; border-bottom-left-radius: 6px; box-shadow: 0 1px 2px rgb(16 24 40 / 8%); }
.dots i { width: 7px; height: 7px; border-radius: 50%; background: #9aa6b8; animation: kefu-bounce 1.2s infinite ease-in-out; }
.dots i:nth-child(2) { animation-delay: .15s; }
.dots i:nth-child(3) { animation-delay: .3s; }
@keyframes kefu-bounce { 0%, 60%, 100% { transform: translateY(0); opacity: .6; } 30% { transform: translateY(-4px); opacity: 1; } }

.end { margin: 14px 12px 12px; padding: 18px 16px; border-radius: 14px; background: var(--surface); box-shadow: 0 1px 3px rgb(16 24 40 / 8%); text-align: center; }
.end h4 { margin: 0 0 10px; font-size: 15px; }
.stars { display: flex; justify-content: center; gap: 6px; margin-bottom: 12px; }
.star { width: 40px; height: 40px; border: 0; border-radius: 8px; background: none; color: #c9d1dd; display: grid; place-items: center; padding: 0; transition: transform .12s; }
.star svg { width: 32px; height: 32px; }
.star[data-on="true"] { color: #f5a524; }
.star:hover { transform: scale(1.12); }
.end textarea {
  width: 100%; min-height: 64px; resize: vertical; padding: 8px 10px; border-radius: 8px; border: 1px solid #cfd6e1; margin-bottom: 10px; outline: none;
}
.end textarea:focus { border-color: var(--brand); box-shadow: 0 0 0 3px rgb(31 95 209 / 18%); }
.thanks { margin: 0 0 4px; color: var(--green); font-weight: 600; }
.endlinks { display: flex; flex-direction: column; align-items: center; gap: 10px; margin-top: 14px; }
.dl { display: inline-flex; align-items: center; gap: 6px; color: var(--brand); font-weight: 600; text-decoration: none; font-size: 13.5px; }
.dl:hover { text-decoration: underline; }
.dl svg { width: 18px; height: 18px; }

.composer { flex: none; display: flex; align-items: flex-end; gap: 6px; padding: 10px 10px 10px 8px; background: var(--surface); border-top: 1px solid var(--line); }
.iconbtn { flex: none; width: 38px; height: 38px; border: 0; border-radius: 50%; background: none; color: var(--muted); display: grid; place-items: center; }
.iconbtn:hover { background: var(--bg); color: var(--ink); }
.iconbtn:disabled { opacity: .45; cursor: default; background: none; }
.iconbtn svg { width: 22px; height: 22px; }
.composer textarea {
  flex: 1; min-width: 0; resize: none; border: 0; outline: none; background: var(--bg); border-radius: 19px;
  padding: 9px 14px; min-height: 38px; max-height: 120px; line-height: 20px; font-size: 14.5px;
}
.composer textarea:focus { box-shadow: inset 0 0 0 2px rgb(31 95 209 / 35%); }
.send { flex: none; width: 38px; height: 38px; border: 0; border-radius: 50%; background: var(--brand); color: #fff; display: grid; place-items: center; }
.send svg { width: 20px; height: 20px; }
.send:disabled { background: #c7d2e4; cursor: default; }
.uploading { flex: none; padding: 6px 14px; font-size: 12.5px; color: var(--muted); background: var(--surface); border-top: 1px solid var(--line); }
.footer { flex: none; padding: 5px 0 7px; text-align: center; font-size: 11px; color: #97a1b1; background: var(--surface); }

.spinner { width: 28px; height: 28px; border-radius: 50%; border: 3px solid #d6deea; border-top-color: var(--brand); animation: kefu-spin .8s linear infinite; }
@keyframes kefu-spin { to { transform: rotate(360deg); } }

@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; }
  .root[data-open="true"] .launcher { display: none; }
  .launcher { right: 16px; bottom: 16px; }
  .composer textarea { font-size: 16px; }
  .input { font-size: 16px; }
}
@media (prefers-reduced-motion: reduce) {
  .panel, .dots i, .spinner { animation: none; }
  .launcher, .star { transition: none; }
}
`;
