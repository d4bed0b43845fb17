package org.opora.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.nulabinc.zxcvbn.Zxcvbn;

/**
 * Opora's password policy, installed in the engine so that it holds wherever a password is set: Opora's
 * user administration, Camunda Admin, the engine's API. At least {@value #MIN_LENGTH} characters, and not
 * easy to guess: zxcvbn's estimate must reach "safely unguessable" ({@value #MIN_SCORE} of 4), which
 * refuses the passwords of its bundled frequency lists (tens of thousands of the most common ones),
 * repeats, sequences, keyboard walks, dates and the user's own name or address.
 * <p>
 * Off only in the demo profile, whose users share the password "demo" by design.
 */
@Component
public class PasswordRules extends AbstractProcessEnginePlugin implements PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;
    static final int MIN_SCORE = 3;
    /** What the policy asks, for error messages. */
    public static final String DESCRIPTION = "at least " + MIN_LENGTH + " and at most " + MAX_LENGTH
            + " characters, and not a common or easily guessed password (no repeats, sequences, dates or your own name)";

    private final boolean enabled;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordRules(@Value("${opora.security.password-policy:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setPasswordPolicy(this);
        configuration.setEnablePasswordPolicy(enabled);
    }

    @Override
    public List<PasswordPolicyRule> getRules() {
        return List.of(new Length(), new NotGuessable());
    }

    private static final class Length implements PasswordPolicyRule {

        @Override
        public String getPlaceholder() {
            // Camunda Admin's own text for a length rule.
            return "PASSWORD_POLICY_LENGTH";
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of("minLength", String.valueOf(MIN_LENGTH));
        }

        @Override
        public boolean execute(String password) {
            return password != null && password.length() >= MIN_LENGTH && password.length() <= MAX_LENGTH;
        }
    }

    private final class NotGuessable implements PasswordPolicyRule {

        @Override
        public String getPlaceholder() {
            return "OPORA_PASSWORD_NOT_GUESSABLE";
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of("minScore", String.valueOf(MIN_SCORE));
        }

        @Override
        public boolean execute(String password) {
            return execute(password, null);
        }

        @Override
        public boolean execute(String password, User user) {
            if (password == null || password.length() > MAX_LENGTH) {
                return false;
            }
            List<String> ownWords = new ArrayList<>();
            if (user != null) {
                for (String word : new String[] {user.getId(), user.getFirstName(), user.getLastName(), user.getEmail()}) {
                    if (word != null && !word.isBlank()) {
                        ownWords.add(word);
                    }
                }
            }
            return zxcvbn.measure(password, ownWords).getScore() >= MIN_SCORE;
        }
    }
}
