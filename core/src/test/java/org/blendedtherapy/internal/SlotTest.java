package org.blendedtherapy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.plan.Session;
import org.junit.jupiter.api.Test;

class SlotTest {
  /** Registers into {@link #SLOT} from its static initializer, as a result type does. */
  static final class Owner {
    static {
      SLOT.register("registered by Owner");
    }

    private Owner() {}
  }

  static final Slot<String> SLOT = new Slot<>("the test value", Owner.class.getName());

  @Test
  void get_initializesTheOwner_whichRegisters_andASecondRegistrationThrows() {
    assertThat(SLOT.get()).isEqualTo("registered by Owner");
    assertThatThrownBy(() -> SLOT.register("another"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the test value is registered already");
    assertThat(SLOT.get()).isEqualTo("registered by Owner");
  }

  @Test
  void get_whenTheOwnerDoesNotRegister_saysSo() {
    Slot<String> slot = new Slot<>("the orphan", SlotTest.class.getName());
    assertThatThrownBy(slot::get)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the orphan is not registered by " + SlotTest.class.getName());
  }

  @Test
  void theResultTypes_registerTheirFactories_once() throws ClassNotFoundException {
    // Once a result type is initialized its factory is in place and cannot be replaced.
    Class.forName(Session.class.getName(), true, SlotTest.class.getClassLoader());
    Class.forName(PinnedProtocol.class.getName(), true, SlotTest.class.getClassLoader());
    assertThatThrownBy(
            () -> Results.register((n, type, planned, local, instant, end, status, reason) -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the session factory is registered already");
    assertThatThrownBy(() -> Results.registerPins((protocol, sha) -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the pinned-protocol factory is registered already");
  }
}
