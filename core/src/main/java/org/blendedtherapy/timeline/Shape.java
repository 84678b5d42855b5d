package org.blendedtherapy.timeline;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;

/**
 * What the fold reads of a protocol, worked out once per protocol: modules and policies by index,
 * the {@code daysSinceStart} thresholds, and which rules an event can change, so that a rule is
 * evaluated only after an event that may change its verdict.
 *
 * <p>Immutable and thread-safe; {@link #of} keeps the shapes of the last few protocols used.
 */
final class Shape {
  private static final int[] NONE = {};

  /** A small cache by identity; a protocol that is no longer used is not kept alive by it. */
  private static final AtomicReferenceArray<Entry> CACHE = new AtomicReferenceArray<>(16);

  private record Entry(WeakReference<Protocol> protocol, Shape shape) {}

  final Module[] modules;
  final String[] moduleIds;
  final List<String> moduleOrder;
  final Map<String, Integer> moduleIndex;
  final long[] thresholds;
  final String[] policies;
  final boolean[] optOut;
  final Map<String, Integer> policyIndex;
  // For each referenced module id: the modules whose rules read whether it is started, completed or
  // skipped.
  final Map<String, int[]> byModule;
  // The modules whose rules count attended sessions.
  final int[] byAttendance;
  // For each instrument: the modules whose rules read its scores.
  final Map<Instrument, int[]> byInstrument;
  final boolean[] hasReleaseLeaf;

  private Shape(Protocol protocol) {
    List<Module> list = protocol.modules();
    int n = list.size();
    modules = list.toArray(new Module[0]);
    moduleIds = new String[n];
    moduleIndex = new HashMap<>();
    hasReleaseLeaf = new boolean[n];
    TreeSet<Long> days = new TreeSet<>();
    Map<String, List<Integer>> modulesRead = new HashMap<>();
    Map<Instrument, List<Integer>> instrumentsRead = new HashMap<>();
    List<Integer> attendance = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Module module = modules[i];
      moduleIds[i] = module.id();
      moduleIndex.put(module.id(), i);
      if (module.unlock().isPresent()) {
        Rule rule = module.unlock().get();
        hasReleaseLeaf[i] = hasReleaseLeaf(rule);
        collect(rule, i, days, modulesRead, instrumentsRead, attendance);
      }
    }
    moduleOrder = List.of(moduleIds);
    thresholds = days.stream().mapToLong(Long::longValue).toArray();
    byModule = ints(modulesRead);
    byInstrument = ints(instrumentsRead);
    byAttendance = attendance.stream().distinct().mapToInt(Integer::intValue).toArray();
    List<ReminderPolicy> reminders = protocol.reminders();
    policies = new String[reminders.size()];
    optOut = new boolean[reminders.size()];
    policyIndex = new HashMap<>();
    for (int i = 0; i < policies.length; i++) {
      policies[i] = reminders.get(i).id();
      optOut[i] = reminders.get(i).optOut();
      policyIndex.putIfAbsent(policies[i], i);
    }
  }

  static Shape of(Protocol protocol) {
    int slot = System.identityHashCode(protocol) & (CACHE.length() - 1);
    Entry entry = CACHE.get(slot);
    if (entry != null && entry.protocol().get() == protocol) {
      return entry.shape();
    }
    Shape shape = new Shape(protocol);
    CACHE.set(slot, new Entry(new WeakReference<>(protocol), shape));
    return shape;
  }

  private static <K> Map<K, int[]> ints(Map<K, List<Integer>> lists) {
    Map<K, int[]> out = new HashMap<>();
    lists.forEach(
        (k, v) -> out.put(k, v.stream().distinct().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private static void collect(
      Rule rule,
      int owner,
      TreeSet<Long> days,
      Map<String, List<Integer>> modulesRead,
      Map<Instrument, List<Integer>> instrumentsRead,
      List<Integer> attendance) {
    boolean leafRead =
        switch (rule.kind()) {
          case DAYS_SINCE_START -> days.add((long) ((Rule.DaysSinceStart) rule).atLeast());
          case MODULE_COMPLETED, MODULE_STARTED ->
              modulesRead
                  .computeIfAbsent(rule.referencedModule().orElseThrow(), k -> new ArrayList<>())
                  .add(owner);
          case SESSIONS_ATTENDED -> attendance.add(owner);
          case MEASURE ->
              instrumentsRead
                  .computeIfAbsent(((Rule.Measure) rule).instrument(), k -> new ArrayList<>())
                  .add(owner);
          case ALL_OF, ANY_OF, NOT, THERAPIST_RELEASE -> false;
        };
    for (Rule child : rule.children()) {
      collect(child, owner, days, modulesRead, instrumentsRead, attendance);
    }
  }

  private static boolean hasReleaseLeaf(Rule rule) {
    if (rule.kind() == Rule.Kind.THERAPIST_RELEASE) {
      return true;
    }
    for (Rule child : rule.children()) {
      if (hasReleaseLeaf(child)) {
        return true;
      }
    }
    return false;
  }

  /** The modules whose rules read whether a module is started, completed or skipped. */
  int[] readingModule(String module) {
    return byModule.getOrDefault(module, NONE);
  }

  /** The modules whose rules read an instrument's scores. */
  int[] readingInstrument(Instrument instrument) {
    return byInstrument.getOrDefault(instrument, NONE);
  }

  /** The index of a module, or -1. */
  int module(String id) {
    Integer i = moduleIndex.get(id);
    return i == null ? -1 : i;
  }

  /** The index of a policy, or -1. */
  int policy(String id) {
    Integer i = policyIndex.get(id);
    return i == null ? -1 : i;
  }
}
