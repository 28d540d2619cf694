import { spawn, execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { Builder, By, Capabilities } from "selenium-webdriver";
const data = process.argv[2];
const drv = spawn(process.env.HOME + "/.cargo/bin/tauri-driver", ["--port", "4455", "--native-driver", "/usr/bin/WebKitWebDriver"], { env: { ...process.env, DRAFTER_DATA_DIR: data, DRAFTER_TEMPLATES_DIR: "/tmp/dbg/t" }, stdio: "ignore" });
await sleep(1500);
const caps = new Capabilities(); caps.setBrowserName("wry"); caps.set("tauri:options", { application: "/work/target-app/release/drafter-app" });
const d = await new Builder().withCapabilities(caps).usingServer("http://127.0.0.1:4455/").build();
try {
  await sleep(2000);
  const links = await d.findElements(By.css(".case-link"));
  for (const l of links) if ((await l.getText()).includes("Acme")) { await l.click(); break; }
  await sleep(3000);
  const svg = await d.executeScript("return document.querySelector('#preview .page svg').outerHTML");
  writeFileSync("/tmp/dbg/page1.svg", svg);
  await d.executeScript("document.getElementById('preview').scrollTop = 420");
  await sleep(800);
  execFileSync("import", ["-window", "root", "/tmp/dbg/shot.png"]);
  console.log(await d.executeScript("return [...document.fonts].map(f => f.family + ' ' + f.weight + ' ' + f.style + ' ' + f.status).join('; ')"));
} finally { await d.quit(); drv.kill(); }
