package org.opora.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors that happen outside Opora's controllers (a filter, the servlet container, the engine's
 * servlets) reach {@code /error}; anything but a browser page gets problem+json there too, in the same
 * shape and with the same types as the API's own errors. A request to {@code /error} itself, with no
 * error behind it, is "not found". Browsers keep the error pages.
 */
@Controller
public class ProblemErrorController extends BasicErrorController {

    public ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties server,
            List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, server.getError(), errorViewResolvers);
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            // Nothing went wrong; somebody opened /error.
            response.setStatus(HttpStatus.NOT_FOUND.value());
            Map<String, Object> model = Map.of("status", 404, "error", "Not Found");
            ModelAndView page = resolveErrorView(request, response, HttpStatus.NOT_FOUND, model);
            return page != null ? page : new ModelAndView("error", model);
        }
        return super.errorHtml(request, response);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null
                ? HttpStatus.NOT_FOUND : getStatus(request);
        ProblemType type = ProblemType.forStatus(status.value());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.uri().toString());
        problem.put("title", type.title());
        problem.put("status", status.value());
        problem.put("detail", type.title());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
