package org.opora.volunteering;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface VolunteeringMapper {

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "organisationId", ignore = true)
    @Mapping(target = "occurrence", source = "firstDate")
    @Mapping(target = "filled", ignore = true)
    @Mapping(target = "state", ignore = true)
    @Mapping(target = "refusalReason", ignore = true)
    @Mapping(target = "closeRequested", ignore = true)
    VolunteerRequest toDraft(VolunteeringController.NewRequest request);

    @Mapping(target = "stateName", source = "stateName")
    @Mapping(target = "volunteers", source = "volunteers")
    @Mapping(target = "hours", source = "hours")
    VolunteeringController.RequestView toView(VolunteerRequest request, String stateName,
            List<VolunteeringController.ConfirmedVolunteer> volunteers, BigDecimal hours);

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "consentAt", ignore = true)
    @Mapping(target = "emailConfirmedAt", ignore = true)
    @Mapping(target = "noShows", ignore = true)
    @Mapping(target = "lastNoShowOn", ignore = true)
    @Mapping(target = "createdAt", ignore = true)
    Volunteer toVolunteer(VolunteeringController.NewVolunteer volunteer);

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "consentAt", ignore = true)
    @Mapping(target = "emailConfirmedAt", ignore = true)
    @Mapping(target = "noShows", ignore = true)
    @Mapping(target = "lastNoShowOn", ignore = true)
    @Mapping(target = "createdAt", ignore = true)
    @Mapping(target = "latitude", ignore = true)
    @Mapping(target = "longitude", ignore = true)
    @Mapping(target = "availability", source = "week")
    Volunteer toVolunteer(VolunteerPages.SignUpForm form);

    /** The ticked weekdays of a page's form as slots. */
    default List<Availability.Slot> slots(List<VolunteerPages.WeekdayForm> week) {
        return VolunteerPages.slots(week);
    }

    default List<Availability.Slot> copy(List<Availability.Slot> slots) {
        return slots == null ? List.of() : List.copyOf(slots);
    }

    VolunteeringController.VolunteerView toView(Volunteer volunteer);

    /** Skills and interests are normalised tags, one an item; an empty free-tag field is no tag. */
    default Set<String> tags(List<String> list) {
        return Tags.parse(list);
    }

    default List<String> list(Set<String> tags) {
        return tags == null ? List.of() : List.copyOf(tags);
    }
}
