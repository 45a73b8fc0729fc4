// openspins_errors_doc: prints docs/errors.md, generated from the message table.
//   build/openspins_errors_doc > docs/errors.md
#include <iostream>

#include "openspins/config/message_table.hpp"

int main() {
    std::cout << openspins::messages::errors_markdown();
    return 0;
}
