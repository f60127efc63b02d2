#include "lv2-instance.h"

#include "note-schedule.h"

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/atom/util.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/midi/midi.h>
#include <lv2/options/options.h>
#include <lv2/port-props/port-props.h>
#include <lv2/units/units.h>
#include <lv2/state/state.h>
#include <lv2/worker/worker.h>
#include <lilv/lilv.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "lv2-log.h"
#include "lv2-state-paths.h"
#include "lv2-urid-map.h"
#include "lv2-worker.h"

namespace vstds {
namespace {

constexpr uint32_t kAtomCapacity = 64 * 1024;
constexpr char kStateMagic[8] = {'V', 'S', 'D', 'S', 'L', 'V', '2', '\0'};

// RAII owners for lilv objects.
struct WorldDeleter {
  void operator()(LilvWorld* w) const { lilv_world_free(w); }
};
struct NodeDeleter {
  void operator()(LilvNode* n) const { lilv_node_free(n); }
};
using NodePtr = std::unique_ptr<LilvNode, NodeDeleter>;

std::string nodeString(const LilvNode* n) { return n ? lilv_node_as_string(n) : ""; }

// Features a plugin may require that are promises about host behaviour, not data: this host runs
// offline (never real-time, so hard-RT and live constraints are met trivially), always gives
// separate input and output buffers, restores state only between runs, and loads a plugin's
// default state when it asks for that.
const char* const kBehaviourFeatures[] = {
    LV2_CORE__hardRTCapable, LV2_CORE__inPlaceBroken, LV2_CORE__isLive, LV2_STATE__loadDefaultState,
    LV2_STATE__threadSafeRestore,
};

struct StateDeleter {
  void operator()(LilvState* s) const { lilv_state_free(s); }
};

struct Port {
  enum Kind { Audio, Control, Atom, Cv, Other } kind = Other;
  bool input = false;
  uint32_t index = 0;
  std::string symbol, name, units;
  float min = 0, max = 1, def = 0;
  bool integer = false, toggled = false, logarithmic = false, hidden = false, midi = false;
  std::vector<std::pair<float, std::string>> scalePoints;  // sorted by value
  float value = 0;
  std::vector<float> buffer;
  std::vector<uint64_t> atom;  // 8-byte aligned atom storage
};

}  // namespace

struct Lv2Instance::Impl {
  HostOptions options;
  PluginInfo info;
  std::unique_ptr<LilvWorld, WorldDeleter> world;
  const LilvPlugin* plugin = nullptr;
  LilvInstance* instance = nullptr;
  bool active = false;
  Lv2UridMap urids;
  LV2_URID midiEvent = 0, atomSequence = 0, atomChunk = 0, atomInt = 0, atomFloat = 0;
  int32_t minBlock = 1, maxBlock = 512, sequenceSize = static_cast<int32_t>(kAtomCapacity);
  float sampleRateF = 44100;
  int32_t nominalBlock = 512;
  std::vector<LV2_Options_Option> optionList;
  Lv2Worker worker;
  std::unique_ptr<Lv2Log> log;
  Lv2StatePaths statePaths;
  const LV2_Worker_Interface* workerInterface = nullptr;
  LV2_Feature mapFeature{}, unmapFeature{}, optionsFeature{}, boundedFeature{}, scheduleFeature{}, logFeature{},
      mapPathFeature{}, makePathFeature{}, freePathFeature{};
  std::vector<const LV2_Feature*> features;
  std::vector<std::string> provided;  // URIs of every feature offered (data and behaviour)
  std::vector<Port> ports;
  std::vector<size_t> params;  // indexes of listed control inputs
  std::vector<size_t> audioIn, audioOut;
  std::vector<float> baseValues;  // per port (control inputs), the base state
  std::vector<int> hangingNotes;  // pitches still held when the last render ended
  double processSeconds = 0;
  bool ranSinceLoad = false;

  ~Impl() {
    if (instance) {
      try {
        if (active) lilv_instance_deactivate(instance);
        worker.clear();
        // synthv1 and padthv1 rebuild wave tables on a process-wide thread of their own and free
        // an instance without waiting for it: freed mid-rebuild, that thread writes into freed
        // tables (heap corruption, "pure virtual method called"). A rebuild follows a parameter
        // change in run(), so an instance that ran gets a moment for such threads to finish.
        if (ranSinceLoad) std::this_thread::sleep_for(std::chrono::milliseconds(250));
        lilv_instance_free(instance);
      } catch (...) {
      }
    }
  }

  void findPlugin(const std::string& target) {
    LilvWorld* w = world.get();
    const bool isUri = target.find("://") != std::string::npos || target.rfind("urn:", 0) == 0;
    lilv_world_load_all(w);  // also loads the LV2 spec bundles (units) so keys never depend on the path form
    if (isUri) {
      NodePtr uri(lilv_new_uri(w, target.c_str()));
      plugin = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(w), uri.get());
      if (!plugin)
        throw HostError("E_LV2_NOT_INSTALLED", target + ": no installed LV2 bundle provides this plugin URI (searched LV2_PATH, default ~/.lv2:/usr/local/lib/lv2:/usr/lib/lv2; `lv2ls` lists installed URIs)");
      return;
    }
    std::string dir = target;
    if (dir.back() != '/') dir += '/';
    NodePtr bundle(lilv_new_file_uri(w, nullptr, dir.c_str()));
    auto pluginsInBundle = [&] {
      std::vector<const LilvPlugin*> found;
      const LilvPlugins* all = lilv_world_get_all_plugins(w);
      LILV_FOREACH(plugins, it, all) {
        const LilvPlugin* p = lilv_plugins_get(all, it);
        if (lilv_node_equals(lilv_plugin_get_bundle_uri(p), bundle.get())) found.push_back(p);
      }
      return found;
    };
    std::vector<const LilvPlugin*> inBundle = pluginsInBundle();
    if (inBundle.empty()) {  // a bundle outside LV2_PATH (loading one twice makes lilv warn)
      lilv_world_load_bundle(w, bundle.get());
      inBundle = pluginsInBundle();
    }
    if (inBundle.empty()) throw HostError("E_NO_MODULE", target + ": the LV2 bundle describes no plugin");
    if (inBundle.size() > 1) {
      std::string list;
      for (size_t i = 0; i < inBundle.size() && i < 8; ++i) list += (i ? ", " : "") + nodeString(lilv_plugin_get_uri(inBundle[i]));
      if (inBundle.size() > 8) list += ", ...";
      throw HostError("E_AMBIGUOUS_BUNDLE", target + ": the bundle holds " + std::to_string(inBundle.size()) +
                                                 " plugins; pass one plugin's URI instead (" + list + ")");
    }
    plugin = inBundle.front();
  }

  void describePorts() {
    LilvWorld* w = world.get();
    NodePtr audioClass(lilv_new_uri(w, LV2_CORE__AudioPort)), controlClass(lilv_new_uri(w, LV2_CORE__ControlPort)),
        atomClass(lilv_new_uri(w, LV2_ATOM__AtomPort)), cvClass(lilv_new_uri(w, LV2_CORE__CVPort)),
        inputClass(lilv_new_uri(w, LV2_CORE__InputPort)), midiClass(lilv_new_uri(w, LV2_MIDI__MidiEvent)),
        supports(lilv_new_uri(w, LV2_ATOM__supports)), integer(lilv_new_uri(w, LV2_CORE__integer)),
        toggled(lilv_new_uri(w, LV2_CORE__toggled)), logarithmic(lilv_new_uri(w, LV2_PORT_PROPS__logarithmic)),
        notOnGui(lilv_new_uri(w, LV2_PORT_PROPS__notOnGUI)), reportsLatency(lilv_new_uri(w, LV2_CORE__reportsLatency)),
        designation(lilv_new_uri(w, LV2_CORE__designation)), unitProp(lilv_new_uri(w, LV2_UNITS__unit)),
        unitSymbol(lilv_new_uri(w, LV2_UNITS__symbol)), enumeration(lilv_new_uri(w, LV2_CORE__enumeration));
    const uint32_t n = lilv_plugin_get_num_ports(plugin);
    ports.assign(n, Port{});
    std::vector<float> mins(n), maxs(n), defs(n);
    lilv_plugin_get_port_ranges_float(plugin, mins.data(), maxs.data(), defs.data());
    for (uint32_t i = 0; i < n; ++i) {
      const LilvPort* lp = lilv_plugin_get_port_by_index(plugin, i);
      Port& p = ports[i];
      p.index = i;
      p.input = lilv_port_is_a(plugin, lp, inputClass.get());
      p.symbol = nodeString(lilv_port_get_symbol(plugin, lp));
      NodePtr name(lilv_port_get_name(plugin, lp));
      p.name = nodeString(name.get());
      if (lilv_port_is_a(plugin, lp, audioClass.get())) {
        p.kind = Port::Audio;
        p.buffer.assign(static_cast<size_t>(options.blockSize), 0.f);
        (p.input ? audioIn : audioOut).push_back(i);
      } else if (lilv_port_is_a(plugin, lp, controlClass.get())) {
        p.kind = Port::Control;
        p.min = std::isnan(mins[i]) ? 0.f : mins[i];
        p.max = std::isnan(maxs[i]) ? 1.f : maxs[i];
        p.def = std::isnan(defs[i]) ? p.min : defs[i];
        p.value = p.def;
        p.integer = lilv_port_has_property(plugin, lp, integer.get()) || lilv_port_has_property(plugin, lp, enumeration.get());
        p.toggled = lilv_port_has_property(plugin, lp, toggled.get());
        p.logarithmic = lilv_port_has_property(plugin, lp, logarithmic.get()) && p.min > 0 && p.max > p.min;
        LilvNodes* designations = lilv_port_get_value(plugin, lp, designation.get());
        p.hidden = lilv_port_has_property(plugin, lp, notOnGui.get()) || lilv_port_has_property(plugin, lp, reportsLatency.get());
        // Host-owned designations (freeWheeling, enabled, latency, sample rate, transport) are not
        // sound parameters; musical ones (param:cutoffFrequency, param:attack...) are.
        LILV_FOREACH(nodes, it, designations) {
          const std::string d = nodeString(lilv_nodes_get(designations, it));
          if (d.rfind(LV2_CORE_PREFIX, 0) == 0 || d.rfind("http://lv2plug.in/ns/ext/time#", 0) == 0 ||
              d == "http://lv2plug.in/ns/ext/parameters#sampleRate")
            p.hidden = true;
        }
        lilv_nodes_free(designations);
        LilvNodes* units = lilv_port_get_value(plugin, lp, unitProp.get());
        if (units && lilv_nodes_size(units) > 0) {
          const LilvNode* unit = lilv_nodes_get_first(units);
          if (LilvNode* sym = lilv_world_get(w, unit, unitSymbol.get(), nullptr)) {
            p.units = nodeString(sym);
            lilv_node_free(sym);
          }
        }
        lilv_nodes_free(units);
        if (LilvScalePoints* points = lilv_port_get_scale_points(plugin, lp)) {
          LILV_FOREACH(scale_points, it, points) {
            const LilvScalePoint* sp = lilv_scale_points_get(points, it);
            p.scalePoints.emplace_back(lilv_node_as_float(lilv_scale_point_get_value(sp)), nodeString(lilv_scale_point_get_label(sp)));
          }
          lilv_scale_points_free(points);
          std::sort(p.scalePoints.begin(), p.scalePoints.end());
        }
      } else if (lilv_port_is_a(plugin, lp, atomClass.get())) {
        p.kind = Port::Atom;
        p.midi = p.input && lilv_port_supports_event(plugin, lp, midiClass.get());
        p.atom.assign(kAtomCapacity / 8, 0);
      } else if (lilv_port_is_a(plugin, lp, cvClass.get())) {
        p.kind = Port::Cv;
        p.buffer.assign(static_cast<size_t>(options.blockSize), 0.f);
      } else {
        const bool optional = lilv_port_has_property(plugin, lp, NodePtr(lilv_new_uri(w, LV2_CORE__connectionOptional)).get());
        if (!optional) throw HostError("E_UNSUPPORTED", info.uid + ": port \"" + p.symbol + "\" has a type this host does not support");
      }
    }
    for (size_t i = 0; i < ports.size(); ++i)
      if (ports[i].kind == Port::Control && ports[i].input && !ports[i].hidden) params.push_back(i);
  }

  bool withheld(const char* uri) const {
    return std::find(options.withheldFeatures.begin(), options.withheldFeatures.end(), uri) != options.withheldFeatures.end();
  }

  // The feature list handed to instantiate, minus any withheld (tests withhold one to check the
  // refusal below), and the URIs this host can promise.
  void buildFeatures() {
    mapFeature = {LV2_URID__map, urids.mapFeature()};
    unmapFeature = {LV2_URID__unmap, urids.unmapFeature()};
    optionsFeature = {LV2_OPTIONS__options, optionList.data()};
    boundedFeature = {LV2_BUF_SIZE__boundedBlockLength, nullptr};
    scheduleFeature = {LV2_WORKER__schedule, worker.scheduleFeature()};
    log = std::make_unique<Lv2Log>(info.uid, urids.mapFeature());
    logFeature = {LV2_LOG__log, log->feature()};
    mapPathFeature = {LV2_STATE__mapPath, statePaths.mapFeature()};
    makePathFeature = {LV2_STATE__makePath, statePaths.makeFeature()};
    freePathFeature = {LV2_STATE__freePath, statePaths.freeFeature()};
    features.clear();
    provided.clear();
    for (const LV2_Feature* f : {&mapFeature, &unmapFeature, &optionsFeature, &boundedFeature, &scheduleFeature, &logFeature,
                                 &mapPathFeature, &makePathFeature, &freePathFeature}) {
      if (withheld(f->URI)) continue;
      features.push_back(f);
      provided.emplace_back(f->URI);
    }
    features.push_back(nullptr);
    for (const char* uri : kBehaviourFeatures)
      if (!withheld(uri)) provided.emplace_back(uri);
  }

  // Refuses before instantiate: plugins missing a required feature crash (a null schedule called
  // from their own thread) or print a line and return null, neither of which names the feature.
  void checkRequirements() {
    std::vector<std::string> missing;
    LilvNodes* required = lilv_plugin_get_required_features(plugin);
    LILV_FOREACH(nodes, it, required) {
      const std::string uri = nodeString(lilv_nodes_get(required, it));
      if (std::find(provided.begin(), provided.end(), uri) == provided.end()) missing.push_back(uri);
    }
    lilv_nodes_free(required);
    NodePtr requiredOption(lilv_new_uri(world.get(), LV2_OPTIONS__requiredOption));
    LilvNodes* requiredOptions = lilv_plugin_get_value(plugin, requiredOption.get());
    const bool optionsGiven = !withheld(LV2_OPTIONS__options);
    LILV_FOREACH(nodes, it, requiredOptions) {
      const std::string uri = nodeString(lilv_nodes_get(requiredOptions, it));
      bool found = false;
      for (const auto& o : optionList)
        if (optionsGiven && o.key != 0 && uri == urids.unmap(o.key)) found = true;
      if (!found) missing.push_back(uri + " (option)");
    }
    lilv_nodes_free(requiredOptions);
    if (missing.empty()) return;
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw HostError("E_MISSING_FEATURE", info.uid + ": the plugin requires LV2 features this host does not provide: " + list +
                                             " (a newer vstds may support them; `lv2info " + info.uid + "` lists what it needs)");
  }

  void instantiate() {
    setenv("QT_QPA_PLATFORM", "offscreen", 0);  // Qt-based plugins abort without a display otherwise
    // Qt-based plugins (synthv1 & co) warn on every instantiate that their QApplication lives off
    // the main thread and that XDG_RUNTIME_DIR is unset: hundreds of lines per run that say
    // nothing about the audio. Users who want them set QT_LOGGING_RULES themselves.
    setenv("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false", 0);
    instance = lilv_plugin_instantiate(plugin, options.sampleRate, features.data());
    if (!instance) throw HostError("E_MODULE_LOAD", info.uid + ": lilv_plugin_instantiate failed (the plugin's library did not load or refused the host features)");
    workerInterface = withheld(LV2_WORKER__schedule)
                          ? nullptr
                          : static_cast<const LV2_Worker_Interface*>(lilv_instance_get_extension_data(instance, LV2_WORKER__interface));
    for (auto& p : ports) {
      void* where = nullptr;
      if (p.kind == Port::Audio || p.kind == Port::Cv) where = p.buffer.data();
      if (p.kind == Port::Control) where = &p.value;
      if (p.kind == Port::Atom) where = p.atom.data();
      lilv_instance_connect_port(instance, p.index, where);
    }
    loadDefaultState();
    worker.runPending(lilv_instance_get_handle(instance), workerInterface);
  }

  // state:loadDefaultState: the plugin's data (eg-sampler's sample file) only arrives through its
  // state interface. Port values the default state carries become the port defaults.
  void loadDefaultState() {
    NodePtr feature(lilv_new_uri(world.get(), LV2_STATE__loadDefaultState));
    if (!lilv_plugin_has_feature(plugin, feature.get())) return;
    std::unique_ptr<LilvState, StateDeleter> state(lilv_state_new_from_world(world.get(), urids.mapFeature(), lilv_plugin_get_uri(plugin)));
    if (!state) return;
    lilv_state_restore(state.get(), instance, &Impl::setPortFromState, this, 0, features.data());
  }

  static void setPortFromState(const char* symbol, void* self, const void* value, uint32_t size, uint32_t type) {
    auto* m = static_cast<Impl*>(self);
    if (size != sizeof(float) || type != m->atomFloat) return;
    for (auto& p : m->ports)
      if (p.kind == Port::Control && p.input && p.symbol == symbol) p.value = *static_cast<const float*>(value);
  }

  // One note through a fresh instance before the base state is taken: some plugins build state on
  // their first note (synthv1's first render differs from every later one), and a reset probe
  // that compares two first renders against a later one would then blame the reset and recreate
  // the plugin per render, which is both slow and what synthv1 cannot survive.
  void prime() {
    if (!info.isInstrument) return;
    prepareAtoms();
    addMidi(0, 0x90, 60, 100);
    for (size_t i : audioIn) std::fill(ports[i].buffer.begin(), ports[i].buffer.end(), 0.f);
    run(options.blockSize);
    silentBlock(options.blockSize);
    prepareAtoms();
    addMidi(0, 0x80, 60, 0);
    run(options.blockSize);
    silentBlock(options.blockSize);
  }

  void setActive(bool on) {
    if (on == active) return;
    if (on) {
      lilv_instance_activate(instance);
    } else {
      lilv_instance_deactivate(instance);
    }
    active = on;
  }

  void prepareAtoms() {
    for (auto& p : ports) {
      if (p.kind != Port::Atom) continue;
      auto* seq = reinterpret_cast<LV2_Atom_Sequence*>(p.atom.data());
      if (p.input) {
        seq->atom.type = atomSequence;
        seq->body.unit = 0;
        seq->body.pad = 0;
        lv2_atom_sequence_clear(seq);
      } else {
        seq->atom.type = atomChunk;
        seq->atom.size = kAtomCapacity - sizeof(LV2_Atom);
      }
    }
  }

  void addMidi(uint32_t frame, uint8_t status, uint8_t data1, uint8_t data2) {
    struct {
      LV2_Atom_Event event;
      uint8_t bytes[8];
    } ev{};
    ev.event.time.frames = frame;
    ev.event.body.type = midiEvent;
    ev.event.body.size = 3;
    ev.bytes[0] = status;
    ev.bytes[1] = data1;
    ev.bytes[2] = data2;
    for (auto& p : ports)
      if (p.kind == Port::Atom && p.midi)
        lv2_atom_sequence_append_event(reinterpret_cast<LV2_Atom_Sequence*>(p.atom.data()), kAtomCapacity - sizeof(LV2_Atom), &ev.event);
  }

  void run(int n) {
    // Outputs start silent: a plugin that leaves or adds to a buffer must not see the last block.
    for (size_t i : audioOut) std::fill(ports[i].buffer.begin(), ports[i].buffer.begin() + n, 0.f);
    for (auto& p : ports)
      if (p.kind == Port::Cv && !p.input) std::fill(p.buffer.begin(), p.buffer.end(), 0.f);
    const auto t0 = std::chrono::steady_clock::now();
    lilv_instance_run(instance, static_cast<uint32_t>(n));
    ranSinceLoad = true;
    worker.runPending(lilv_instance_get_handle(instance), workerInterface);
    processSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  void silentBlock(int n) {
    prepareAtoms();
    for (size_t i : audioIn) std::fill(ports[i].buffer.begin(), ports[i].buffer.end(), 0.f);
    run(n);
  }

  float toPlain(const Port& p, double normalized) const {
    if (p.toggled) return normalized >= 0.5 ? p.max : p.min;
    if (!p.scalePoints.empty() && p.integer) {
      const auto k = static_cast<size_t>(std::lround(normalized * static_cast<double>(p.scalePoints.size() - 1)));
      return p.scalePoints[std::min(k, p.scalePoints.size() - 1)].first;
    }
    double v = p.logarithmic ? p.min * std::pow(p.max / p.min, normalized) : p.min + normalized * (p.max - p.min);
    if (p.integer) v = std::round(v);
    return static_cast<float>(v);
  }

  double toNormalized(const Port& p, float plain) const {
    if (p.max <= p.min) return 0;
    if (p.toggled) return plain > (p.min + p.max) / 2 ? 1 : 0;
    if (!p.scalePoints.empty() && p.integer) {
      size_t best = 0;
      for (size_t k = 1; k < p.scalePoints.size(); ++k)
        if (std::fabs(p.scalePoints[k].first - plain) < std::fabs(p.scalePoints[best].first - plain)) best = k;
      return p.scalePoints.size() > 1 ? static_cast<double>(best) / static_cast<double>(p.scalePoints.size() - 1) : 0;
    }
    if (p.logarithmic) return std::log(plain / p.min) / std::log(p.max / p.min);
    return std::clamp((static_cast<double>(plain) - p.min) / (p.max - p.min), 0.0, 1.0);
  }

  int stepCount(const Port& p) const {
    if (p.toggled) return 1;
    if (!p.scalePoints.empty() && p.integer) return static_cast<int>(p.scalePoints.size()) - 1;
    if (p.integer) return static_cast<int>(std::lround(p.max - p.min));
    return 0;
  }

  void restoreBase() {
    for (size_t i = 0; i < ports.size(); ++i)
      if (ports[i].kind == Port::Control && ports[i].input) ports[i].value = baseValues[i];
  }

  void resetToBase() {
    if (!hangingNotes.empty() && !options.reinstantiate) {
      prepareAtoms();
      for (int pitch : hangingNotes) addMidi(0, 0x80, static_cast<uint8_t>(pitch), 0);
      for (size_t i : audioIn) std::fill(ports[i].buffer.begin(), ports[i].buffer.end(), 0.f);
      run(options.blockSize);
    }
    hangingNotes.clear();
    if (options.reinstantiate) {
      setActive(false);
      worker.clear();
      lilv_instance_free(instance);
      instance = nullptr;
      instantiate();
    } else {
      setActive(false);
    }
    restoreBase();
    setActive(true);
    for (int b = 0; b < options.warmupBlocks; ++b) silentBlock(options.blockSize);
  }
};

Lv2Instance::Lv2Instance(const std::string& bundleOrUri, const HostOptions& options) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = options;
  m.info.format = "lv2";
  m.world.reset(lilv_world_new());
  m.findPlugin(bundleOrUri);
  m.info.uid = nodeString(lilv_plugin_get_uri(m.plugin));
  {
    NodePtr name(lilv_plugin_get_name(m.plugin));
    m.info.name = nodeString(name.get());
    NodePtr author(lilv_plugin_get_author_name(m.plugin));
    m.info.vendor = nodeString(author.get());
    NodePtr minorP(lilv_new_uri(m.world.get(), LV2_CORE__minorVersion)), microP(lilv_new_uri(m.world.get(), LV2_CORE__microVersion));
    LilvNodes* minor = lilv_plugin_get_value(m.plugin, minorP.get());
    LilvNodes* micro = lilv_plugin_get_value(m.plugin, microP.get());
    m.info.version = std::to_string(minor ? lilv_node_as_int(lilv_nodes_get_first(minor)) : 0) + "." +
                     std::to_string(micro ? lilv_node_as_int(lilv_nodes_get_first(micro)) : 0);
    lilv_nodes_free(minor);
    lilv_nodes_free(micro);
  }
  m.midiEvent = m.urids.map(LV2_MIDI__MidiEvent);
  m.atomSequence = m.urids.map(LV2_ATOM__Sequence);
  m.atomChunk = m.urids.map(LV2_ATOM__Chunk);
  m.atomInt = m.urids.map(LV2_ATOM__Int);
  m.atomFloat = m.urids.map(LV2_ATOM__Float);
  m.maxBlock = options.blockSize;
  m.nominalBlock = options.blockSize;
  m.sampleRateF = static_cast<float>(options.sampleRate);
  m.optionList = {
      {LV2_OPTIONS_INSTANCE, 0, m.urids.map(LV2_BUF_SIZE__minBlockLength), sizeof(int32_t), m.atomInt, &m.minBlock},
      {LV2_OPTIONS_INSTANCE, 0, m.urids.map(LV2_BUF_SIZE__maxBlockLength), sizeof(int32_t), m.atomInt, &m.maxBlock},
      {LV2_OPTIONS_INSTANCE, 0, m.urids.map(LV2_BUF_SIZE__nominalBlockLength), sizeof(int32_t), m.atomInt, &m.nominalBlock},
      {LV2_OPTIONS_INSTANCE, 0, m.urids.map(LV2_BUF_SIZE__sequenceSize), sizeof(int32_t), m.atomInt, &m.sequenceSize},
      {LV2_OPTIONS_INSTANCE, 0, m.urids.map("http://lv2plug.in/ns/ext/parameters#sampleRate"), sizeof(float), m.atomFloat, &m.sampleRateF},
      {LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, nullptr}};
  m.buildFeatures();
  m.checkRequirements();
  m.describePorts();
  if (m.audioOut.empty()) throw HostError("E_UNSUPPORTED", m.info.uid + ": the plugin has no audio output port");
  bool hasMidi = false;
  for (const auto& p : m.ports) hasMidi = hasMidi || p.midi;
  const std::string cls = nodeString(lilv_plugin_class_get_uri(lilv_plugin_get_class(m.plugin)));
  m.info.isInstrument = hasMidi && (cls == LV2_CORE__InstrumentPlugin || m.audioIn.empty());
  m.info.inputChannels = static_cast<int>(m.audioIn.size());
  m.info.outputChannels = static_cast<int>(m.audioOut.size());
  m.instantiate();
  m.baseValues.assign(m.ports.size(), 0.f);
  for (size_t i = 0; i < m.ports.size(); ++i) m.baseValues[i] = m.ports[i].value;
  m.setActive(true);
  m.prime();
}

Lv2Instance::~Lv2Instance() = default;

const PluginInfo& Lv2Instance::info() const { return impl_->info; }

std::vector<ParameterInfo> Lv2Instance::parameters() {
  const Impl& m = *impl_;
  std::vector<ParameterInfo> out;
  for (size_t i : m.params) {
    const Port& p = m.ports[i];
    ParameterInfo info;
    info.id = p.index;
    info.title = p.name;
    info.units = p.units;
    info.defaultValue = m.toNormalized(p, p.def);
    info.stepCount = m.stepCount(p);
    if (!p.scalePoints.empty() && p.integer)
      for (const auto& sp : p.scalePoints) info.valueStrings.push_back(sp.second);
    out.push_back(std::move(info));
  }
  return out;
}

RenderResult Lv2Instance::render(const RenderRequest& request) {
  Impl& m = *impl_;
  m.resetToBase();
  m.processSeconds = 0;
  for (const auto& [id, value] : request.params) {
    if (id >= m.ports.size() || m.ports[id].kind != Port::Control || !m.ports[id].input)
      throw HostError("E_PLUGIN_CALL", "no control input port " + std::to_string(id));
    m.ports[id].value = m.toPlain(m.ports[id], value);
  }
  const NoteSchedule schedule = scheduleNotes(request.notes, request.numSamples);
  const auto& events = schedule.changes;
  for (const auto& held : schedule.held) m.hangingNotes.push_back(held.pitch);
  RenderResult result;
  for (size_t c = 0; c < m.audioOut.size(); ++c) result.channels.emplace_back(static_cast<size_t>(request.numSamples), request.pool);
  size_t next = 0;
  for (int64_t pos = 0; pos < request.numSamples;) {
    const int n = static_cast<int>(std::min<int64_t>(m.options.blockSize, request.numSamples - pos));
    m.prepareAtoms();
    while (next < events.size() && events[next].sample < pos + n) {
      const auto& e = events[next++];
      const int velocity = e.on ? std::clamp(static_cast<int>(std::lround(e.velocity)), 1, 127) : 0;
      m.addMidi(static_cast<uint32_t>(e.sample - pos), e.on ? 0x90 : 0x80, static_cast<uint8_t>(e.pitch), static_cast<uint8_t>(velocity));
    }
    for (size_t k = 0; k < m.audioIn.size(); ++k) {
      float* dst = m.ports[m.audioIn[k]].buffer.data();
      std::fill(dst, dst + n, 0.f);
      if (request.input.empty()) continue;
      const auto& src = request.input[std::min(k, request.input.size() - 1)];
      for (int i = 0; i < n; ++i) {
        const size_t at = static_cast<size_t>(pos) + static_cast<size_t>(i);
        if (at < src.size()) dst[i] = src[at];
      }
    }
    m.run(n);
    for (size_t c = 0; c < m.audioOut.size(); ++c) {
      const auto& buf = m.ports[m.audioOut[c]].buffer;
      std::copy(buf.begin(), buf.begin() + n, result.channels[c].data() + pos);
    }
    pos += n;
  }
  result.processSeconds = m.processSeconds;
  return result;
}

// Host state format: magic, plugin URI, then (symbol, float value) for every control input.
std::vector<uint8_t> Lv2Instance::getState() {
  const Impl& m = *impl_;
  std::vector<uint8_t> out(kStateMagic, kStateMagic + 8);
  auto putString = [&](const std::string& s) {
    const auto len = static_cast<uint32_t>(s.size());
    out.insert(out.end(), reinterpret_cast<const uint8_t*>(&len), reinterpret_cast<const uint8_t*>(&len) + 4);
    out.insert(out.end(), s.begin(), s.end());
  };
  putString(m.info.uid);
  for (size_t i = 0; i < m.ports.size(); ++i) {
    if (m.ports[i].kind != Port::Control || !m.ports[i].input) continue;
    putString(m.ports[i].symbol);
    const float v = m.baseValues[i];
    out.insert(out.end(), reinterpret_cast<const uint8_t*>(&v), reinterpret_cast<const uint8_t*>(&v) + 4);
  }
  return out;
}

void Lv2Instance::setState(const std::vector<uint8_t>& state) {
  Impl& m = *impl_;
  size_t at = 8;
  auto fail = [](const std::string& what) { throw HostError("E_PRESET_FORMAT", "state: not a vstds LV2 state: " + what); };
  if (state.size() < 12 || std::memcmp(state.data(), kStateMagic, 8) != 0) fail("missing the VSDSLV2 header");
  auto getString = [&]() {
    if (at + 4 > state.size()) fail("truncated");
    uint32_t len;
    std::memcpy(&len, state.data() + at, 4);
    at += 4;
    if (at + len > state.size()) fail("truncated");
    std::string s(reinterpret_cast<const char*>(state.data() + at), len);
    at += len;
    return s;
  };
  const std::string uri = getString();
  if (uri != m.info.uid) throw HostError("E_PRESET_MISMATCH", "the state belongs to " + uri + ", not to " + m.info.uid);
  std::vector<float> values = m.baseValues;
  while (at < state.size()) {
    const std::string symbol = getString();
    if (at + 4 > state.size()) fail("truncated");
    float v;
    std::memcpy(&v, state.data() + at, 4);
    at += 4;
    for (size_t i = 0; i < m.ports.size(); ++i)
      if (m.ports[i].kind == Port::Control && m.ports[i].input && m.ports[i].symbol == symbol) values[i] = v;
  }
  m.baseValues = values;
  m.hangingNotes.clear();
}

void Lv2Instance::applyToBase(const std::vector<std::pair<uint32_t, double>>& params) {
  Impl& m = *impl_;
  for (const auto& [id, value] : params)
    if (id < m.ports.size() && m.ports[id].kind == Port::Control && m.ports[id].input) m.baseValues[id] = m.toPlain(m.ports[id], value);
}

void Lv2Instance::setReinstantiate(bool on) { impl_->options.reinstantiate = on; }

std::vector<double> Lv2Instance::parameterValues() {
  const Impl& m = *impl_;
  std::vector<double> out;
  for (size_t i : m.params) out.push_back(m.toNormalized(m.ports[i], m.baseValues[i]));
  return out;
}

}  // namespace vstds
