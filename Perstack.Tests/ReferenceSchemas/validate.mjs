// Validates Perstack history files with the TypeScript Perstack's own zod schemas, at the seed's commit (7cb873b)
// and today's main (ef363a5). The schema sources under ts-<commit>/ are copied unchanged from the reference
// (packages/core/src/schemas/*, packages/core/src/constants/constants.ts; Apache-2.0, see README.md); this script
// only strips their types (TypeScript's own transpiler) and points `import "zod"` at the zod version each commit locked.
//
// Usage: node validate.mjs <file>...   (or a single "-" to read newline-separated paths from stdin)
// Prints one JSON line per file and version: {"file","version","kind","ok","error"?,"note"?}.
// Kinds: job (job.json, jobSchema), checkpoint (checkpoints/*.json, checkpointSchema), runSetting
// (run-setting.json, runSettingSchema), event (event-*.json). Neither version zod-parses events (it JSON.parses
// them and trusts their type), so an event is checked for what its readers rely on: valid JSON, the envelope, a
// file name that matches it, and the payload of its type (from the version's RunEvent payload types) with the
// version's schemas for the checkpoints, steps, messages, tool calls, tool results and usage it embeds.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs"
import { basename, dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import ts from "typescript"

const here = dirname(fileURLToPath(import.meta.url))
const versions = ["7cb873b", "ef363a5"]

function transpile(version) {
  const source = join(here, `ts-${version}`)
  const out = join(here, ".build", version)
  for (const folder of ["schemas", "constants"]) {
    mkdirSync(join(out, folder), { recursive: true })
    for (const name of readdirSync(join(source, folder)).filter((n) => n.endsWith(".ts"))) {
      const text = readFileSync(join(source, folder, name), "utf8").replaceAll('from "zod"', `from "zod-${version}"`)
      const js = ts.transpileModule(text, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
        fileName: name,
      }).outputText
      const target = join(out, folder, name.replace(/\.ts$/, ".js"))
      if (!existsSync(target) || readFileSync(target, "utf8") !== js) writeFileSync(target, js)
    }
  }
  return out
}

async function load(version) {
  const out = transpile(version)
  const m = async (name) => import(pathToFileURL(join(out, "schemas", `${name}.js`)).href)
  const runtime = await m("runtime")
  const runtimeSource = readFileSync(join(here, `ts-${version}`, "schemas", "runtime.ts"), "utf8")
  const stateTypes = [...runtimeSource.matchAll(/createEvent\("(\w+)"\)/g)].map((x) => x[1])
  const streamingBlock = runtimeSource.match(/type StreamingPayloads = \{([\s\S]*?)\n\}/)
  const streamingTypes = streamingBlock ? [...streamingBlock[1].matchAll(/^ {2}(\w+):/gm)].map((x) => x[1]) : []
  return {
    version,
    job: (await m("job")).jobSchema,
    checkpoint: (await m("checkpoint")).checkpointSchema,
    step: (await m("step")).stepSchema,
    message: (await m("message")).messageSchema,
    toolCall: (await m("tool-call")).toolCallSchema,
    toolResult: (await m("tool-result")).toolResultSchema,
    usage: (await m("usage")).usageSchema,
    runSetting: runtime.runSettingSchema,
    knownTypes: new Set([...stateTypes, ...streamingTypes]),
  }
}

function kindOf(file) {
  const name = basename(file)
  if (name === "job.json") return "job"
  if (name === "run-setting.json") return "runSetting"
  if (basename(dirname(file)) === "checkpoints" && name.endsWith(".json")) return "checkpoint"
  if (/^event-.*\.json$/.test(name)) return "event"
  return "other"
}

function describe(error) {
  if (error?.issues) {
    return error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ")
  }
  return String(error?.message ?? error)
}

// What the readers of each event type expect in its payload: field -> [schema name, "one" | "array" | "optional"].
const payloads = {
  startRun: { initialCheckpoint: ["checkpoint", "one"], inputMessages: ["message", "array"] },
  startGeneration: { messages: ["message", "array"] },
  retry: { newMessages: ["message", "array"], toolCalls: ["toolCall", "optionalArray"], toolResults: ["toolResult", "optionalArray"], usage: ["usage", "one"] },
  callTools: { newMessage: ["message", "one"], toolCalls: ["toolCall", "array"], usage: ["usage", "one"] },
  callInteractiveTool: { newMessage: ["message", "one"], toolCall: ["toolCall", "one"], usage: ["usage", "one"] },
  resolveToolResults: { toolResults: ["toolResult", "array"] },
  resolveThought: { toolResult: ["toolResult", "one"] },
  attemptCompletion: { toolResult: ["toolResult", "one"] },
  finishToolCall: { newMessages: ["message", "array"] },
  finishAllToolCalls: { newMessages: ["message", "array"] },
  resumeToolCalls: { pendingToolCalls: ["toolCall", "array"], partialToolResults: ["toolResult", "array"] },
  continueToNextStep: { checkpoint: ["checkpoint", "one"], step: ["step", "one"], nextCheckpoint: ["checkpoint", "one"] },
  stopRunByInteractiveTool: { checkpoint: ["checkpoint", "one"], step: ["step", "one"] },
  stopRunByDelegate: { checkpoint: ["checkpoint", "one"], step: ["step", "one"] },
  stopRunByExceededMaxSteps: { checkpoint: ["checkpoint", "one"], step: ["step", "one"] },
  stopRunByError: { checkpoint: ["checkpoint", "one"], step: ["step", "one"] },
  completeRun: { checkpoint: ["checkpoint", "one"], step: ["step", "one"], usage: ["usage", "one"] },
}

function checkEvent(s, file, event) {
  const envelope = { type: "string", id: "string", expertKey: "string", timestamp: "number", jobId: "string", runId: "string", stepNumber: "number" }
  for (const [field, type] of Object.entries(envelope)) {
    if (typeof event[field] !== type) throw new Error(`${field}: expected ${type}`)
  }
  const expected = `event-${event.timestamp}-${event.stepNumber}-${event.type}.json`
  if (basename(file) !== expected) throw new Error(`file name does not match the event (expected ${expected})`)
  const shape = { ...payloads[event.type] }
  if (event.type === "callDelegate") {
    // The seed's readers test `"toolCall" in event`, today's `"toolCalls" in event`.
    shape.newMessage = ["message", "one"]
    shape.usage = ["usage", "one"]
    if (s.version === "7cb873b") shape.toolCall = ["toolCall", "one"]
    else shape.toolCalls = ["toolCall", "array"]
  }
  if (event.type === "stopRunByError" && s.version !== "7cb873b") {
    const e = event.error
    if (typeof e !== "object" || e === null || typeof e.name !== "string" || typeof e.message !== "string" || typeof e.isRetryable !== "boolean") {
      throw new Error("error: expected {name, message, statusCode?, isRetryable}")
    }
  }
  for (const [field, [schema, arity]] of Object.entries(shape)) {
    const value = event[field]
    if (value === undefined && arity === "optionalArray") continue
    try {
      if (arity === "one") s[schema].parse(value)
      else if (!Array.isArray(value)) throw new Error("expected an array")
      else value.forEach((item) => s[schema].parse(item))
    } catch (error) {
      throw new Error(`${field}: ${describe(error)}`)
    }
  }
  return s.knownTypes.has(event.type) ? undefined : `type ${event.type} is not a RunEvent of this version (its readers show it without a payload)`
}

function check(s, file) {
  const kind = kindOf(file)
  if (kind === "other") return { kind, ok: true, note: "not a history file" }
  let json
  try {
    json = JSON.parse(readFileSync(file, "utf8"))
  } catch (error) {
    return { kind, ok: false, error: `not JSON: ${describe(error)}` }
  }
  try {
    if (kind === "event") {
      const note = checkEvent(s, file, json)
      return note ? { kind, ok: true, note } : { kind, ok: true }
    }
    s[kind].parse(json)
    return { kind, ok: true }
  } catch (error) {
    return { kind, ok: false, error: describe(error) }
  }
}

let files = process.argv.slice(2)
if (files.length === 1 && files[0] === "-") {
  files = readFileSync(0, "utf8").split("\n").filter((line) => line.length > 0)
}
const schemas = await Promise.all(versions.map(load))
for (const file of files) {
  for (const s of schemas) {
    process.stdout.write(`${JSON.stringify({ file, version: s.version, ...check(s, file) })}\n`)
  }
}
