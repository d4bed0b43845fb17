package org.opora.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the portal's HTML pages: its errors become pages in the user's language
 * ({@link PageExceptionHandler}), never problem+json. Features annotate their page controllers
 * with it; the API's controllers keep {@link ApiExceptionHandler}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PortalPage {
}
