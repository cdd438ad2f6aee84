// `ews doctor` as a library: run it, render it, or read its report.
export { type DoctorIo, registerDoctor } from './command.js';
export { type RenderOptions, renderHuman, renderJson, renderStep, renderSummary } from './render.js';
export { diagnose, ewsUrlOf, runDoctor } from './run-doctor.js';
export {
  DOCTOR_STEP_NAMES,
  type DoctorAddress,
  type DoctorAuth,
  type DoctorOptions,
  type DoctorReport,
  type DoctorResolver,
  type DoctorSrvRecord,
  type DoctorStatus,
  type DoctorStep,
  type DoctorStepName,
} from './types.js';
