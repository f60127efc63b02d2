/**
 * pedalboard's parameter naming, so ParamSpecs written for pedalboard work unchanged:
 * "A Amp EG Attack" -> "a_amp_eg_attack", "Cutoff" + "Hz" -> "cutoff_hz".
 */
export function parameterKey(title: string, units = ''): string {
  const withUnits =
    units.trim() !== '' && !units.startsWith(':') ? `${title} ${units}` : title;
  return withUnits
    .toLowerCase()
    .trim()
    .replace(/[#♯]/g, '_sharp')
    .replace(/♭/g, '_flat')
    .replace(/[^a-z0-9]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}
